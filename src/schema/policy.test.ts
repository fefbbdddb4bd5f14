import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrganization, loadPolicies, loadPolicyFile } from '../model/load.ts';
import { obligationRules } from '../../checks/rules/index.ts';
import { parseWithFriendlyErrors, policySchema } from './index.ts';
import { testFrontmatter } from '../../checks/rules/fixture.ts';

const org = loadOrganization();
const fixtures = join(import.meta.dirname, 'fixtures');
const load = (name: string) => loadPolicyFile(join(fixtures, name), org, obligationRules, fixtures);
const messageOf = (name: string) => {
  try {
    load(name);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${name} was accepted`);
};

describe('policy frontmatter schema', () => {
  it('accepts every shipped policy page', () => {
    const policies = loadPolicies(org, obligationRules);
    expect(policies.length).toBeGreaterThanOrEqual(1);
    for (const { policy } of policies) expect(policy.id).toMatch(/^OPS-\d{2}$/);
  });

  it('accepts a minimal valid page and fills defaults', () => {
    const page = load('good/minimal.mdx');
    expect(page?.slug).toBe('good/minimal');
    expect(page?.policy.obligations[0]?.match).toEqual({ level: 'monthly' });
  });

  it('names file, field and the expected departments for an unknown department', () => {
    expect(messageOf('bad/unknown-department.mdx')).toMatchInlineSnapshot(
      `"src/schema/fixtures/bad/unknown-department.mdx: owner: unknown department "销售", expected one of operations, marketing, sales, rnd, customer-service, finance, hr, executive-team"`,
    );
  });

  it('rejects a version that is not semver', () => {
    expect(messageOf('bad/bad-version.mdx')).toMatchInlineSnapshot(`
      "src/schema/fixtures/bad/bad-version.mdx: version: expected a semantic version such as "1.2.0"
      src/schema/fixtures/bad/bad-version.mdx: changes.0.version: the newest change is 1.0.0 but the policy is at version v1.0; add a changes entry for v1.0 first in the list"
    `);
  });

  it('rejects an unknown key', () => {
    expect(messageOf('bad/unknown-key.mdx')).toMatchInlineSnapshot(
      `"src/schema/fixtures/bad/unknown-key.mdx: unknown key "reviewer"; remove it or check the spelling"`,
    );
  });

  it('rejects an impossible date', () => {
    expect(messageOf('bad/bad-date.mdx')).toContain('effective: expected a date as YYYY-MM-DD, got "2026-02-30"');
  });

  it('rejects a missing required field', () => {
    expect(messageOf('bad/missing-field.mdx')).toContain('classification: required');
  });

  it("rejects an obligation anchor that is no heading of the page, naming the page's headings", () => {
    expect(messageOf('bad/unknown-anchor.mdx')).toBe(
      'src/schema/fixtures/bad/unknown-anchor.mdx: obligations.0.anchor: no heading "二会议组织" on this page, expected one of 一会议分类',
    );
  });

  it('rejects an obligation whose due rule names no config value', () => {
    // The list of deadlines is the config's, whatever it holds.
    expect(messageOf('bad/unknown-deadline.mdx')).toBe(
      `src/schema/fixtures/bad/unknown-deadline.mdx: obligations.0.due.deadline: no deadline "annual-plan-deadline" in the organisation config (content/organization.yaml), expected one of ${Object.keys(loadOrganization().deadlines).join(', ')}`,
    );
  });

  it('rejects evidence that is not a timestamp of the record type, and a period deadline on an event', () => {
    const message = messageOf('bad/wrong-evidence.mdx');
    expect(message).toContain('obligations.0.evidence: "submitted_at" is not a timestamp of meetings records');
    expect(message).toContain('obligations.0.due.deadline: deadline "annual-plan" is counted from a period');
  });

  it('every bad fixture is rejected', () => {
    for (const name of readdirSync(join(fixtures, 'bad'))) expect(() => load(`bad/${name}`), name).toThrow();
  });
});

describe('text a reader sees', () => {
  it('holds no control character: the Atom feed and the calendars would break on it', () => {
    const page = {
      id: 'TST-01',
      ...testFrontmatter('2026-01-01'),
      changes: [{ version: '1.0.0', date: '2026-01-01', summary: '首次\u0007发布', approvedBy: 'executive-team' }],
    };
    expect(() => parseWithFriendlyErrors(policySchema(loadOrganization(), obligationRules), page, 'test.mdx')).toThrow(
      'changes.0.summary: holds the control character U+0007',
    );
  });
});

describe('a page saved with a byte-order mark', () => {
  it('is read like one without: its policy and obligations load', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bom-'));
    const good = readdirSync(join(fixtures, 'good')).find((f) => /\.mdx?$/.test(f))!;
    const text = readFileSync(join(fixtures, 'good', good), 'utf8');
    writeFileSync(join(dir, good), `\uFEFF${text}`);
    const withBom = loadPolicyFile(join(dir, good), org, obligationRules, dir);
    const without = loadPolicyFile(join(fixtures, 'good', good), org, obligationRules, join(fixtures, 'good'));
    expect(withBom?.policy).toEqual(without?.policy);
    expect(withBom?.policy.id).toBeTruthy();
  });
});
