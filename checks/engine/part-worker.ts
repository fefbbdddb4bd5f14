// Entry of the worker thread that reads part of a large CSV export (parallel.ts). Like the main
// entry (checks/cli.mjs) it turns on Node's compile cache before loading the checker: a worker does
// not inherit it, and compiling the modules afresh took longer than reading a tenth of the file.
import module from 'node:module';

module.enableCompileCache?.();
await import('./part-reader.ts');
