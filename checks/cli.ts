#!/usr/bin/env node
// handbook-check's entry point. It turns on Node's compile cache before loading anything else, so
// a second run reuses the compiled (and type-stripped) modules: start-up is a large part of
// checking a small export folder, and this halves it.
import module from 'node:module';

module.enableCompileCache?.();
await import('./command.ts');
