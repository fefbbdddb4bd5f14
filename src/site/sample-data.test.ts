import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdsOnlySamples } from './sample-data.ts';

const samples = mkdtempSync(join(tmpdir(), 'samples-'));
writeFileSync(join(samples, '会议记录.csv'), '会议编号,部门\nM-1,销售部\n');
writeFileSync(join(samples, '计划.csv'), '计划编号\nP-1\n');
const copy = () => {
  const dir = mkdtempSync(join(tmpdir(), 'exports-'));
  cpSync(samples, dir, { recursive: true });
  return dir;
};

describe('a records folder that holds only the sample exports is published as sample data', () => {
  it('the samples copied as they are: samples', () => {
    expect(holdsOnlySamples(copy(), samples)).toBe(true);
  });

  it("one more export, one changed byte, one missing file, no such folder: the company's records", () => {
    const more = copy();
    writeFileSync(join(more, '风险.csv'), '风险编号\nR-1\n');
    expect(holdsOnlySamples(more, samples)).toBe(false);
    const changed = copy();
    writeFileSync(join(changed, '计划.csv'), '计划编号\nP-2\n');
    expect(holdsOnlySamples(changed, samples)).toBe(false);
    const fewer = mkdtempSync(join(tmpdir(), 'exports-'));
    writeFileSync(join(fewer, '计划.csv'), '计划编号\nP-1\n');
    expect(holdsOnlySamples(fewer, samples)).toBe(false);
    expect(holdsOnlySamples(join(samples, 'nothing-here'), samples)).toBe(false);
  });
});
