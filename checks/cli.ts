#!/usr/bin/env -S node --max-semi-space-size=8
// handbook-check's entry point. It turns on Node's compile cache before loading anything else, so
// a second run reuses the compiled (and type-stripped) modules: start-up is a large part of
// checking a small export folder, and this halves it.
//
// The V8 flag caps the young generation at 8 MB a semi-space. The checker allocates short-lived
// values for every row; with V8's default the young generation grows to tens of megabytes on a
// large export, which then shows as memory that grows with the rows read
// (npm run bench:checker: 4M rows 272 MB by default, 156 MB with the cap; no slower).
import module from 'node:module';

module.enableCompileCache?.();
await import('./command.ts');
