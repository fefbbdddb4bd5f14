// What a pull request does to compliance, for its reviewers: the same exports checked against the
// base's policies and organisation config and against the working tree's, and what appears,
// disappears or changes status, per obligation and department; the deadlines and parameters that
// changed and the pages whose text changes with them; the versions raised.
//
//   npm run impact -- --base <ref> [--records <folder>] [--as-of YYYY-MM-DD]
//
// Both sides judge every record by their own current versions: the preview shows what the new text
// requires, whatever its effective date (after the merge it applies from that date on; records due
// earlier stay under the old version). Without --records the sample exports stand in, and the
// preview says so. Prints Markdown (the pull-request workflow posts it as the job summary and a
// comment); exit 2 when the base cannot be read or checked.
import { execFileSync } from 'node:child_process';
import { commitOf, RefError } from './lib/git-ref.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { CheckError, runCheck } from '../checks/run.ts';
import { statusZh } from '../checks/report/labels.ts';
import { markdownText } from '../checks/report/markdown.ts';
import type { Finding, Report } from '../checks/engine/types.ts';
import { materialVersions } from '../checks/rules/acknowledged.ts';
import { obligationRules } from '../checks/rules/index.ts';
import { isoDate } from '../src/model/dates.ts';
import { current, withUntil } from '../src/model/timeline.ts';
import { describeDeadline } from '../src/model/describe.ts';
import { type ConfigChange, configChanges, fieldChanges, statedChanges } from '../src/model/config-diff.ts';
import { loadOrganization, loadPolicies, type PolicyFile, repoRoot } from '../src/model/load.ts';
import type { Organization } from '../src/schema/index.ts';

export interface ObligationImpact {
  policy: string;
  obligation: string;
  title: string;
  /** Findings by status, before and after. */
  before: Record<string, number>;
  after: Record<string, number>;
  /** Net change in findings per department (ids), non-zero only. */
  departments: Record<string, number>;
}

export interface Impact {
  base: string;
  records: string;
  samples: boolean;
  asOf: string;
  config: (ConfigChange & { label: string })[];
  /** Pages whose text changes because they state a changed deadline or parameter. */
  pages: { policy: string; title: string; file: string; states: string[] }[];
  versions: { policy: string; title: string; before: string | null; after: string; effective: string }[];
  /**
   * Material versions the change adds: every employee must acknowledge them (`acknowledged` rule),
   * within `window` (the organisation config's words), none when the handbook asks for no acknowledgements.
   */
  acknowledge: { policy: string; title: string; version: string; effective: string; window: string | null }[];
  obligations: ObligationImpact[];
  findings: { appeared: number; disappeared: number; changed: number };
}

/** The base's content/ as files in a temporary folder (git archive), for the loaders to validate. */
function baseContent(root: string, base: string): string {
  let commit: string;
  try {
    commit = commitOf(root, base);
  } catch (error) {
    if (error instanceof RefError) throw new CheckError(error.message);
    throw error;
  }
  const dir = mkdtempSync(join(tmpdir(), 'impact-base-'));
  let tar: Buffer;
  try {
    tar = execFileSync('git', ['archive', '--format=tar', commit, '--', 'content'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new CheckError(
      `--base "${base}" cannot be read (${stderr || (error as Error).message}); name a branch or commit, e.g. --base origin/main (a clone needs the base's history: fetch-depth: 0)`,
    );
  }
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return dir;
}

/** An effective date before any record: the version judges them all. */
const ALWAYS = '0001-01-01';

const findingKey = (f: Finding) => `${f.policy}\u0000${f.obligation}\u0000${f.department}\u0000${f.subject}`;

/** Each finding's key and its statuses (sorted, joined by +), built without a list per key. */
function statusesByKey(report: Report): Map<string, string> {
  const map = new Map<string, string>();
  for (const f of report.findings) {
    const k = findingKey(f);
    const had = map.get(k);
    map.set(k, had === undefined ? f.status : [...had.split('+'), f.status].sort().join('+'));
  }
  return map;
}

function countsOf(findings: Finding[]) {
  const out = new Map<
    string,
    {
      title: string;
      policy: string;
      obligation: string;
      statuses: Record<string, number>;
      departments: Record<string, number>;
    }
  >();
  for (const f of findings) {
    const k = `${f.policy}\u0000${f.obligation}`;
    let entry = out.get(k);
    if (!entry)
      out.set(
        k,
        (entry = { title: f.title, policy: f.policy, obligation: f.obligation, statuses: {}, departments: {} }),
      );
    entry.statuses[f.status] = (entry.statuses[f.status] ?? 0) + 1;
    entry.departments[f.department] = (entry.departments[f.department] ?? 0) + 1;
  }
  return out;
}

export async function impactOf(options: {
  base: string;
  root?: string;
  records?: string;
  asOf?: string;
  now?: number;
}): Promise<Impact> {
  const root = options.root ?? repoRoot;
  const records = options.records ?? join(repoRoot, 'checks/samples');
  const dir = baseContent(root, options.base);
  try {
    const load = (content: string) => {
      const org = loadOrganization(join(content, 'organization.yaml'));
      return { org, policies: loadPolicies(org, obligationRules, join(content, 'docs')) };
    };
    let before: { org: Organization; policies: PolicyFile[] };
    try {
      before = load(join(dir, 'content'));
    } catch (error) {
      throw new CheckError(
        `the base's content does not validate with this checker, so its findings cannot be compared: ${(error as Error).message}`,
      );
    }
    const after = load(join(root, 'content'));
    // Each side's current versions judge every record, whatever their effective dates: the preview
    // shows what the rules as changed mean for these exports. (Once merged, a new version judges only
    // records due from its effective date; the summary says so under 版本.)
    const run = (side: typeof before) =>
      runCheck({
        recordsDir: records,
        asOf: options.asOf,
        now: options.now,
        org: side.org,
        policies: side.policies,
        timeline: {
          source: 'current',
          reason: 'given',
          versions: withUntil(current(side.org, side.policies).map((v) => ({ ...v, effective: ALWAYS }))),
        },
      });
    // One side's report at a time, kept only as what the comparison needs (each finding's key and
    // statuses, the counts per obligation): two whole reports of a large export held 1.9 GB.
    const summary = (report: Report) => ({
      asOf: report.asOf,
      statuses: statusesByKey(report),
      counts: countsOf(report.findings),
    });
    const was = summary(await run(before));
    const is = summary(await run(after));

    // Deadlines and parameters, compared as written.
    const written = (path: string) => parse(readFileSync(path, 'utf8')) ?? {};
    const changes = configChanges(
      written(join(dir, 'content/organization.yaml')),
      written(join(root, 'content/organization.yaml')),
    ).map((c) => ({
      ...c,
      label: String((c.after as { label?: string })?.label ?? (c.before as { label?: string })?.label ?? c.key),
    }));
    const pages = after.policies.flatMap(({ file, policy }) => {
      const states = statedChanges(policy, readFileSync(join(repoRoot, file), 'utf8'), changes);
      return states.length
        ? [
            {
              policy: policy.id,
              title: policy.title,
              file: relative(root, join(repoRoot, file)),
              states: states.map((c) => c.key),
            },
          ]
        : [];
    });
    const versions = after.policies.flatMap(({ policy }) => {
      const old = before.policies.find((p) => p.policy.id === policy.id)?.policy;
      return old?.version === policy.version
        ? []
        : [
            {
              policy: policy.id,
              title: policy.title,
              before: old?.version ?? null,
              after: policy.version,
              effective: policy.effective,
            },
          ];
    });

    // Material versions the head adds: staff must acknowledge them once they take effect.
    const ackRule = after.policies.flatMap((p) => p.policy.obligations).find((ob) => ob.rule === 'acknowledged') as
      | { due: { deadline: string } }
      | undefined;
    const ackDeadline = ackRule && after.org.deadlines[ackRule.due.deadline];
    const known = new Set(materialVersions(before.policies).map((v) => `${v.policy}@${v.version}`));
    const acknowledge = materialVersions(after.policies)
      .filter((v) => !known.has(`${v.policy}@${v.version}`))
      .map((v) => ({
        policy: v.policy,
        title: after.policies.find((p) => p.policy.id === v.policy)!.policy.title,
        version: v.version,
        effective: isoDate(v.effective),
        window: ackDeadline ? describeDeadline(ackDeadline, undefined, '生效', 'short') : null,
      }));

    const a = was.statuses;
    const b = is.statuses;
    const findings = { appeared: 0, disappeared: 0, changed: 0 };
    for (const [k, s] of b)
      if (!a.has(k)) findings.appeared++;
      else if (a.get(k) !== s) findings.changed++;
    for (const k of a.keys()) if (!b.has(k)) findings.disappeared++;

    const ca = was.counts;
    const cb = is.counts;
    const obligations: ObligationImpact[] = [];
    for (const k of new Set([...ca.keys(), ...cb.keys()])) {
      const x = ca.get(k);
      const y = cb.get(k);
      const departments: Record<string, number> = {};
      for (const d of new Set([...Object.keys(x?.departments ?? {}), ...Object.keys(y?.departments ?? {})])) {
        const delta = (y?.departments[d] ?? 0) - (x?.departments[d] ?? 0);
        if (delta) departments[d] = delta;
      }
      const same =
        JSON.stringify(x?.statuses ?? {}) === JSON.stringify(y?.statuses ?? {}) && !Object.keys(departments).length;
      if (same) continue;
      const any = (y ?? x)!;
      obligations.push({
        policy: any.policy,
        obligation: any.obligation,
        title: any.title,
        before: x?.statuses ?? {},
        after: y?.statuses ?? {},
        departments,
      });
    }
    return {
      base: options.base,
      records: relative(repoRoot, records).startsWith('..') ? records : relative(repoRoot, records),
      samples: options.records === undefined,
      asOf: is.asOf,
      config: changes,
      pages,
      versions,
      acknowledge,
      obligations,
      findings,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

/** A changed value, shown by the fields that differ: `days 3 → 5`. */
const valueChange = (c: ConfigChange) =>
  fieldChanges(c)
    .map((f) => `${f.field ? `${f.field} ` : ''}${f.before} → ${f.after}`)
    .join('，');

/** The preview as Markdown, in Chinese: what a reviewer reads in the job summary and the comment. */
export function impactMarkdown(impact: Impact, org: Organization): string {
  const m = markdownText;
  const dept = (id: string) => org.departments.find((d) => d.id === id)?.name ?? id;
  let out = '## 合规影响预览\n\n';
  out +=
    `对照 \`${impact.base.replaceAll('`', '')}\`，用${impact.samples ? '**示例导出**（checks/samples；加 --records 指定真实导出）' : `导出文件夹 \`${m(impact.records)}\``}核查，检查日 ${impact.asOf}。` +
    '下表“核查结果的变化”是两边各自的现行版本用于这些导出全部记录的结果（不论生效日期），即修改后的规定意味着什么；合并后，新版本只核查生效日期及以后到期的记录，此前到期的仍按旧版本核查。\n\n';
  if (impact.config.length) {
    out += '### 组织配置的变化\n\n';
    for (const c of impact.config)
      out += `- ${c.kind === 'deadline' ? '期限' : '参数'}「${m(c.label)}」（${m(c.key)}）：${m(valueChange(c))}\n`;
    out += '\n';
  }
  if (impact.pages.length) {
    out += '### 文字随之改变的制度页\n\n';
    for (const p of impact.pages)
      out += `- ${m(p.policy)} ${m(p.title)}（${m(p.file)}）：述及 ${p.states.map(m).join('、')}\n`;
    out += '\n';
  }
  if (impact.versions.length) {
    out += '### 版本\n\n';
    // Versions are semver (validated): printed as they are.
    for (const v of impact.versions)
      out += `- ${m(v.policy)} ${m(v.title)}：${v.before ? `${v.before} → ` : '新制度 '}${v.after}，${v.effective} 起生效${v.before && v.effective > impact.asOf ? `（检查日 ${impact.asOf} 尚未生效，合并后此前到期的记录仍按 ${v.before} 核查）` : ''}\n`;
    out += '\n';
  }
  if (impact.acknowledge.length) {
    out += '### 须确认已阅的重大修订\n\n';
    for (const v of impact.acknowledge)
      out += v.window
        ? `- ${m(v.policy)} ${m(v.title)} ${v.version}：名册上的全体员工须在${m(v.window)}确认已阅（${v.effective} 生效；此后入职的从入职之日起算）\n`
        : `- ${m(v.policy)} ${m(v.title)} ${v.version}：标为重大修订，但手册没有要求确认已阅的规则（acknowledged），不会核查\n`;
    out += '\n';
  }
  out += '### 核查结果的变化\n\n';
  const { appeared, disappeared, changed } = impact.findings;
  if (!impact.obligations.length && !appeared && !disappeared && !changed)
    return `${out}这些导出的核查结果没有变化。\n`;
  out += `新出现 ${appeared} 项，消失 ${disappeared} 项，状态改变 ${changed} 项。\n\n`;
  out += '| 要求 | 问题（改前 → 改后） | 按部门 |\n| --- | --- | --- |\n';
  for (const o of impact.obligations) {
    const statuses = [...new Set([...Object.keys(o.before), ...Object.keys(o.after)])].map((s) => {
      const x = o.before[s] ?? 0;
      const y = o.after[s] ?? 0;
      return `${statusZh(s)} ${x} → ${y}${x === y ? '' : `（${signed(y - x)}）`}`;
    });
    const departments = Object.entries(o.departments).map(([d, n]) => `${m(dept(d))} ${signed(n)}`);
    out += `| ${m(o.policy)} ${m(o.title)} | ${statuses.join('；')} | ${departments.join('、') || '—'} |\n`;
  }
  return out;
}

if (import.meta.main) {
  const { values: args } = parseArgs({
    options: { base: { type: 'string' }, records: { type: 'string' }, 'as-of': { type: 'string' } },
  });
  try {
    if (!args.base)
      throw new CheckError('--base is required: the branch or commit to compare with, e.g. --base origin/main');
    const impact = await impactOf({ base: args.base, records: args.records, asOf: args['as-of'] });
    process.stdout.write(impactMarkdown(impact, loadOrganization()));
  } catch (error) {
    process.stderr.write(
      `${error instanceof CheckError || (error as Error).name === 'SchemaError' ? (error as Error).message : (error as Error).stack}\n`,
    );
    process.exitCode = 2;
  }
}
