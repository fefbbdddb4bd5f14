#!/usr/bin/env node
// Runs a command under Node 22.12 or newer, which Astro 7 and Vitest 5 need. On an older Node
// (a new machine ships v20) it installs the npm registry's `node` package into .cache/node once
// and re-runs the command with that binary first on PATH, so `npm start` and `npm test` work
// without a version manager. Plain JavaScript on purpose: it must run on the old Node too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
const modern = major > 22 || (major === 22 && minor >= 12);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node scripts/with-node.mjs <command> [args…]');
  process.exit(2);
}

let env = process.env;
if (!modern) {
  const prefix = join(root, '.cache/node');
  const bin = join(prefix, 'node_modules/.bin');
  if (!existsSync(join(bin, 'node'))) {
    console.error(
      `Node ${process.versions.node} is too old for Astro 7 (needs 22.12+); installing node@24 into .cache/node …`,
    );
    const npm = spawnSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', 'node@24'], {
      stdio: 'inherit',
    });
    if (npm.status !== 0) {
      console.error(
        'Could not install Node 24 from the npm registry.\n' +
          '  Likely cause: no access to the registry.\n' +
          '  What to do: install Node 22.12 or newer yourself (see .nvmrc), then run the command again.',
      );
      process.exit(2);
    }
  }
  env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
}
env = { ...env, ASTRO_TELEMETRY_DISABLED: '1', PATH: `${join(root, 'node_modules/.bin')}:${env.PATH}` };
// Run asynchronously and pass signals on, so that stopping this process by its pid (SIGTERM from a
// process manager, SIGHUP when a terminal closes) stops the server it started too.
const child = spawn(args[0], args.slice(1), { stdio: 'inherit', env, cwd: process.cwd() });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`Could not run ${args[0]}: ${error.message}`);
  process.exit(2);
});
child.on('exit', (code, signal) =>
  process.exit(code ?? (signal ? 128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal] ?? 1) : 1)),
);
