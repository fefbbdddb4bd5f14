#!/usr/bin/env -S node --max-semi-space-size=8
// handbook-check's entry point. Plain JavaScript on purpose: the first .ts module a process loads
// makes Node load its TypeScript stripper (0.06 s, on each of the two threads a large export is
// read on), so the checker runs as one bundle that esbuild makes from the TypeScript sources and
// keeps in .cache/checker/ until a source changes (checks/bundle.mjs). Node's compile cache, on
// before anything else loads, then reuses the compiled bundle from run to run.
//
// The V8 flag caps the young generation at 8 MB a semi-space. The checker allocates short-lived
// values for every row; with V8's default the young generation grows to tens of megabytes on a
// large export, which then shows as memory that grows with the rows read
// (npm run bench:checker: 4M rows 272 MB by default, 156 MB with the cap; no slower).
import module from 'node:module';

module.enableCompileCache?.();
const { checkerBundle } = await import('./bundle.mjs');
await import(await checkerBundle());
