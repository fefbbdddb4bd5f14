// The checker as one bundle (see cli.mjs for why): esbuild bundles checks/command.ts and the
// worker entry, with every package left external, into .cache/checker/bundle-<hash>/. The hash
// is of every source file the last bundle was made from (esbuild's metafile lists them), so a
// changed rule or schema makes a new bundle on the next run (0.1 s). Plain JavaScript, like cli.mjs.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, '.cache/checker');
const manifest = join(cache, 'bundle.json');

/** A hash of the files, or undefined if one is gone. */
function hashOf(files) {
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(root, file);
    if (!existsSync(path)) return undefined;
    hash.update(file).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The URL of the bundled command, made anew when a source changed. */
export async function checkerBundle() {
  try {
    const last = JSON.parse(readFileSync(manifest, 'utf8'));
    if (hashOf(last.inputs) === last.hash && existsSync(join(cache, last.dir, 'command.mjs')))
      return pathToFileURL(join(cache, last.dir, 'command.mjs')).href;
  } catch {
    // No bundle yet, or its manifest is unreadable: make one.
  }
  try {
    return await build();
  } catch (error) {
    // Said, not hidden: the check still runs, from the sources, only slower to start.
    process.stderr.write(
      `handbook-check: could not bundle the checker into .cache/checker (${error.message.split('\n')[0]}); running it from the TypeScript sources instead, which starts slower.\n`,
    );
    return new URL('./command.ts', import.meta.url).href;
  }
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  const staging = join(cache, `.bundle-${process.pid}-${Date.now()}`);
  mkdirSync(staging, { recursive: true });
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: { command: 'checks/command.ts', 'part-worker': 'checks/engine/part-worker.ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    outdir: staging,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.includes('node_modules'))
    .sort();
  const hash = hashOf(inputs);
  const dir = `bundle-${hash}`;
  // Another run may have made the same bundle meanwhile: either copy is whole.
  if (existsSync(join(cache, dir))) rmSync(staging, { recursive: true, force: true });
  else renameSync(staging, join(cache, dir));
  const temporary = `${manifest}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify({ hash, dir, inputs }));
  renameSync(temporary, manifest);
  for (const old of readdirSync(cache))
    if (old.startsWith('bundle-') && old !== dir) rmSync(join(cache, old), { recursive: true, force: true });
  return pathToFileURL(join(cache, dir, 'command.mjs')).href;
}
