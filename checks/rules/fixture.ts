// For rule tests: a check of one made-up policy whose obligations the test writes out, with the
// deadlines and parameters it needs set by the test, against a folder of small exports. The
// shipped policies and the shipped deadline values play no part, so a process owner changing
// content/organization.yaml changes nothing here.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadOrganization } from '../../src/model/load.ts';
import { parseWithFriendlyErrors, policySchema, type Organization } from '../../src/schema/index.ts';
import { runCheck } from '../run.ts';
import { obligationRules } from './index.ts';

export function folder(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rule-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** 8(三)2 as the tests read it: the meeting's organiser files the minutes by `deadline` after it ended. */
export const minutesObligation = (deadline = 'meeting-minutes') => ({
  id: 'meeting-minutes',
  records: 'meetings',
  who: { role: 'meeting-organizer', field: 'organizer' },
  rule: 'deadline',
  evidence: 'minutes_filed_at',
  due: { after: 'end_at', deadline },
});

/** 3(一)–(三)1 as the tests read them: a plan of `level` each period, by `deadline` (its id by default). */
export const planObligation = (
  id: string,
  level: string,
  every: string,
  more: Record<string, unknown> & { deadline?: string } = {},
) => {
  const { deadline = id, ...rest } = more;
  return {
    id,
    records: 'plans',
    match: { level },
    rule: 'periodic',
    evidence: 'submitted_at',
    due: { every, deadline },
    ...rest,
  };
};

/** The frontmatter of a test policy, in force from 2026-01-01 and reviewed on `reviewed`. */
export const testFrontmatter = (reviewed: string) => ({
  title: '测试制度',
  titleEn: 'Test',
  chapter: 1,
  version: '1.0.0',
  effective: '2026-01-01',
  status: 'approved',
  owner: 'operations',
  approvers: ['executive-team'],
  review: { cycle: 'annual', last: reviewed },
  classification: 'internal',
  changes: [{ version: '1.0.0', date: '2026-01-01', summary: '测试', approvedBy: 'executive-team' }],
});

const withDefaults = (o: Record<string, unknown>) => ({
  title: '测试要求',
  article: '第一条',
  // The test page's words (testPolicyPages writes 第一条 测试。).
  quote: '测试',
  who: { every: 'department' },
  ...o,
});

/** One test policy (TST-01) with these obligations, parsed against `org`, as the loader gives it. */
export function testPolicy(org: Organization, obligations: Record<string, unknown>[], reviewed: string) {
  const frontmatter = { id: 'TST-01', ...testFrontmatter(reviewed), obligations: obligations.map(withDefaults) };
  const policy = parseWithFriendlyErrors(policySchema(org, obligationRules), frontmatter, 'test.mdx');
  return { file: 'test.mdx', slug: 'policies/test', policy };
}

/**
 * A pages folder holding one test policy (TST-01) with these obligations, for tests that run the
 * checker as a command (HANDBOOK_DOCS): the shipped pages play no part.
 */
export function testPolicyPages(obligations: Record<string, unknown>[], reviewed: string): string {
  const docs = mkdtempSync(join(tmpdir(), 'docs-'));
  mkdirSync(join(docs, 'policies'));
  const frontmatter = { id: 'TST-01', ...testFrontmatter(reviewed), obligations: obligations.map(withDefaults) };
  writeFileSync(join(docs, 'policies/test.mdx'), `---\n${stringify(frontmatter)}---\n\n第一条 测试。\n`);
  return docs;
}

export async function checkRule(options: {
  obligations: Record<string, unknown>[];
  deadlines?: Organization['deadlines'];
  parameters?: Organization['parameters'];
  /** Report types of the organisation config (default: the built-in list). */
  reportTypes?: Organization['reportTypes'];
  /** Approval templates read as records (the organisation config's `sources`). */
  sources?: Organization['sources'];
  files: Record<string, string | Uint8Array>;
  asOf: string;
  since: string;
  /** CSV files of this size or more are read on two threads. */
  parallelMinBytes?: number;
  /** Frontmatter of the test policy to set besides its obligations (version, effective, changes). */
  frontmatter?: Record<string, unknown>;
  /** Further policies without obligations (TST-02, TST-03 …): frontmatter to set on each. */
  others?: Record<string, unknown>[];
}) {
  const shipped = loadOrganization();
  const org: Organization = {
    ...shipped,
    deadlines: options.deadlines ?? {},
    parameters: options.parameters ?? {},
    reportTypes: options.reportTypes,
    sources: options.sources ?? [],
  };
  const base = testFrontmatter(options.asOf);
  const parse = (frontmatter: Record<string, unknown>, file: string) =>
    parseWithFriendlyErrors(policySchema(org, obligationRules), frontmatter, file);
  const policy = parse(
    {
      id: 'TST-01',
      ...base,
      ...options.frontmatter,
      obligations: options.obligations.map(withDefaults),
    },
    'test.mdx',
  );
  const others = (options.others ?? []).map((frontmatter, i) => {
    const id = `TST-0${i + 2}`;
    return { file: `${id}.mdx`, slug: `policies/${id}`, policy: parse({ ...base, id, ...frontmatter }, `${id}.mdx`) };
  });
  const report = await runCheck({
    recordsDir: folder(options.files),
    asOf: options.asOf,
    since: options.since,
    org,
    policies: [{ file: 'test.mdx', slug: 'policies/test', policy }, ...others],
    parallelMinBytes: options.parallelMinBytes,
  });
  const brief = report.findings
    .filter((f) => f.rule !== 'policy-review')
    .map(
      (f) =>
        `${f.obligation} ${f.department} ${f.subject} ${f.status}${f.daysLate ? ` ${f.daysLate}` : ''}${f.detail ? ` ${f.detail.join('/')}` : ''}`,
    );
  return { report, brief };
}
