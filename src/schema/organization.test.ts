import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { OrganizationSchema, parseWithFriendlyErrors } from './index.ts';
import { isExampleAddress } from './organization.ts';
import { repoRoot } from '../model/load.ts';

const shipped = parse(readFileSync(join(repoRoot, 'content/organization.yaml'), 'utf8'));
const parse_ = (data: unknown) => () => parseWithFriendlyErrors(OrganizationSchema, data, 'organization.yaml');

describe('organisation config schema', () => {
  it('accepts the shipped config with the seven departments and the executive team', () => {
    const org = parse_(shipped)();
    expect(org.departments.filter((d) => d.kind === 'department').map((d) => d.id)).toEqual([
      'operations',
      'marketing',
      'sales',
      'rnd',
      'customer-service',
      'finance',
      'hr',
    ]);
    expect(org.departments.find((d) => d.id === 'executive-team')?.kind).toBe('body');
    expect(org.timeZone).toBe('Asia/Shanghai');
  });

  it('rejects an alias that names two departments', () => {
    const data = structuredClone(shipped);
    data.departments[1].aliases.push('运营部门');
    expect(parse_(data)).toThrow(
      'organization.yaml: departments.1: "运营部门" names both "operations" and "marketing"',
    );
  });

  it('rejects a time zone that does not exist', () => {
    expect(parse_({ ...shipped, timeZone: 'Asia/Beijing' })).toThrow(
      'timeZone: expected an IANA time zone such as "Asia/Shanghai"',
    );
  });

  it('rejects a deadline counted from something unknown', () => {
    const data = structuredClone(shipped);
    data.deadlines['annual-plan'].from = 'month-end';
    expect(parse_(data)).toThrow(
      'deadlines.annual-plan.from: unknown value "month-end", expected one of period-start, period-end, event',
    );
  });
});

describe('addresses that ship as examples', () => {
  it('are the hosts RFC 2606 reserves, and only those', () => {
    expect(isExampleAddress('https://git.example.com/ops/policy-handbook/edit/main/')).toBe(true);
    expect(isExampleAddress('https://example.org/')).toBe(true);
    expect(isExampleAddress('https://gitlab.company.cn/ops/handbook/-/edit/main/')).toBe(false);
    expect(isExampleAddress('https://notexample.com/')).toBe(false);
  });
});

describe('department names and aliases', () => {
  it('refuse a space at either end, and two that differ only by one', () => {
    const withSpace = structuredClone(shipped);
    withSpace.departments[1].aliases = [
      ...(withSpace.departments[1].aliases ?? []),
      `${withSpace.departments[2].name} `,
    ];
    expect(parse_(withSpace)).toThrow(/has a space at its start or end: delete it/);
  });
});
