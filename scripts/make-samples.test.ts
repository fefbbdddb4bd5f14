import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const samples = join(import.meta.dirname, '../checks/samples');
const dir = mkdtempSync(join(tmpdir(), 'samples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const make = () =>
  execFileSync(process.execPath, [join(import.meta.dirname, 'make-samples.ts'), '--out', dir], { encoding: 'utf8' });

describe('npm run samples', () => {
  it('makes the committed sample exports byte for byte, and rewrites nothing on a second run', () => {
    make();
    const files = readdirSync(dir).sort();
    expect(files).toEqual(readdirSync(samples).sort());
    for (const f of files) expect(readFileSync(join(dir, f)).equals(readFileSync(join(samples, f))), f).toBe(true);
    const times = files.map((f) => statSync(join(dir, f)).mtimeMs);
    expect(make()).not.toContain('wrote ');
    expect(files.map((f) => statSync(join(dir, f)).mtimeMs)).toEqual(times);
  });
});
