// Every registered rule carries everything about itself: a rule that lacks its words, its example,
// its statuses or its page sentence fails here, not on a page that shows `undefined`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { testOrganization } from '../../src/model/test-organization.ts';
import { obligationSchema, refineObligation, type Organization } from '../../src/schema/index.ts';
import type { StatusSpec } from '../engine/rule.ts';
import { describeObligation, obligationRules, rules, statuses } from './index.ts';

const org = testOrganization();
// The examples name deadlines by their key; any valid value of them will do.
const withDeadlines = (keys: string[]): Organization => ({
  ...org,
  deadlines: Object.fromEntries(
    keys.map((k) => [
      k,
      org.deadlines[k] ?? { label: k, from: k.includes('plan') ? 'period-start' : 'event', months: 0, days: 3 },
    ]),
  ),
});

describe('the registry of rules', () => {
  it.each(rules.map((r) => [r.id, r] as const))('%s has its file, its test, its words and its statuses', (id, rule) => {
    expect(existsSync(join(import.meta.dirname, `${id}.ts`))).toBe(true);
    expect(existsSync(join(import.meta.dirname, `${id}.test.ts`))).toBe(true);
    expect(rule.title.trim()).not.toBe('');
    expect(rule.docs.trim()).not.toBe('');
    expect(rule.example.obligation.trim()).not.toBe('');
    expect(rule.example.finding.trim()).not.toBe('');
    const own = Object.entries(rule.statuses as Record<string, StatusSpec>);
    expect(own.length).toBeGreaterThan(0);
    for (const [status, spec] of own) {
      expect(spec.zh.trim(), status).not.toBe('');
      expect(spec.means.trim(), status).not.toBe('');
      expect(spec.todo.trim(), status).not.toBe('');
      expect(spec.says({ fields: '某项', at: '2026-01-02 09:00', daysLate: 3 }), status).not.toMatch(/undefined|NaN/);
    }
    // The example finding reads as a report line of one of the rule's statuses.
    expect(own.map(([, s]) => s.zh)).toContain(rule.example.finding.split(' ')[0]);
    expect(typeof rule.describe).toBe('function');
  });

  it.each(obligationRules.map((r) => [r.id, r] as const))(
    "%s's example obligation is valid and its page sentence comes from the rule",
    (_, rule) => {
      const ob = (parse(rule.example.obligation) as unknown[])[0] as Record<string, unknown>;
      const deadline = (ob.due as { deadline?: string } | undefined)?.deadline;
      const config = withDeadlines(deadline ? [deadline] : []);
      const schema = obligationSchema(obligationRules).superRefine((value, ctx) =>
        refineObligation(value, config, ctx, [], obligationRules),
      );
      const parsed = schema.safeParse({ article: '第一条', ...ob });
      expect(parsed.error?.issues ?? []).toEqual([]);
      const sentence = describeObligation(parsed.data!, config);
      expect(sentence).not.toMatch(/undefined|未定义|NaN/);
      expect(sentence.length).toBeGreaterThan(3);
    },
  );

  it('gives one status one word, whichever rule gives it, with missing and late first', () => {
    for (const rule of rules)
      for (const [status, spec] of Object.entries(rule.statuses as Record<string, StatusSpec>))
        expect(spec.zh, `${rule.id}: ${status}`).toBe(statuses.get(status)!.zh);
    expect([...statuses.keys()].slice(0, 2)).toEqual(['missing', 'late']);
  });

  it('is the schema: an obligation naming a rule not in the registry is refused, naming those there are', () => {
    const parsed = obligationSchema(obligationRules).safeParse({
      id: 'x',
      title: 'x',
      article: 'x',
      who: { every: 'department' },
      records: 'meetings',
      rule: 'no-such-rule',
    });
    expect(parsed.error?.issues[0]?.message).toBe(
      `unknown rule "no-such-rule", expected one of ${obligationRules.map((r) => r.id).join(', ')}`,
    );
  });
});
