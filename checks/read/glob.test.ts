import { describe, expect, it } from 'vitest';
import { matchesName } from './glob.ts';

describe('records.yaml file-name patterns', () => {
  it.each([
    ['审批系统导出2026.csv', '审批*.csv', true],
    ['审批系统导出2026.xlsx', '审批*.csv', false],
    ['会议1.xlsx', '会议?.xlsx', true],
    ['会议12.xlsx', '会议?.xlsx', false],
    ['说明.csv', '说明*.csv', true],
    ['a.csv', '*', true],
    ['', '*', true],
    ['abc', 'a*b*c', true],
    ['abcb', 'a*b', true],
    ['acb', 'a*b*c', false],
  ])('%s against %s: %s', (name, pattern, expected) => expect(matchesName(name, pattern)).toBe(expected));

  it('a pattern of many stars against a long name that does not match answers (no exponential backtracking)', () => {
    expect(matchesName('a'.repeat(5000), `${'a*'.repeat(100)}b`)).toBe(false);
    expect(matchesName(`${'a'.repeat(5000)}b`, `${'a*'.repeat(100)}b`)).toBe(true);
  });
});
