// The Node version shim passes signals on: stopping `npm start` by its pid stops the server too.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/model/root.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('scripts/with-node.mjs', () => {
  it('stops the command it runs when it is stopped by SIGTERM', async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'with-node-')), 'pid');
    const wrapper = spawn(
      'node',
      [
        join(repoRoot, 'scripts/with-node.mjs'),
        'node',
        '-e',
        `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`,
      ],
      { stdio: 'ignore' },
    );
    await expect.poll(() => existsSync(pidFile), { timeout: 10_000 }).toBe(true);
    const child = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(child)).toBe(true);
    const exited = new Promise<number | null>((resolve) => wrapper.on('exit', (code) => resolve(code)));
    wrapper.kill('SIGTERM');
    expect(await exited).toBe(143);
    await expect.poll(() => alive(child), { timeout: 5_000 }).toBe(false);
  });
});
