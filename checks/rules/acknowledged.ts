// Rule `acknowledged`: staff confirm they have read a policy's material changes. Every published,
// approved policy version whose `changes` entry says `material: true` must be acknowledged by each
// member of a roster (the employees) within the deadline the organisation config sets, counted
// from the version's effective date, or from the day a member joins when that is later. An
// acknowledgement of a later version answers an earlier one too (whoever has read 1.2.0 has read
// what 1.1.0 changed). This is the handbook's own rule, as policy tools such as NAVEX PolicyTech
// and Vanta keep it: the policy text asks for no acknowledgement.
import type { PolicyFile } from '../../src/model/load.ts';
import { fieldsOf, recordTypes } from '../../src/schema/record-types.ts';
import { type CalendarDate, defineRule, dueStatuses, type Instance, type Source } from '../engine/rule.ts';
import { deadlineFrom, idOf, notOnRoster, rosterOf, rosterRead, timestampField } from './options.ts';
import { parseIsoDate } from '../../src/model/dates.ts';
import { compareVersions } from '../../src/model/semver.ts';
import { describeDeadline } from '../../src/model/describe.ts';

interface Acknowledgement {
  evidence: number | null;
  source: Source;
}

const DAY = 86_400_000;

export { compareVersions };

/** A version staff must acknowledge: the policy, the version and the day it took effect. */
export interface MaterialVersion {
  policy: string;
  version: string;
  effective: CalendarDate;
}

/**
 * The material versions of the published, approved policies: the current version from its
 * `effective` date, an earlier one from the date of its `changes` entry (the frontmatter keeps no
 * other date for it). Drafts, proposals, retired and confidential policies ask nothing of staff.
 */
export function materialVersions(policies: readonly PolicyFile[]): MaterialVersion[] {
  const out: MaterialVersion[] = [];
  for (const { policy } of policies) {
    if (policy.status !== 'approved' || policy.classification === 'confidential') continue;
    for (const change of policy.changes)
      if (change.material)
        out.push({
          policy: policy.id,
          version: change.version,
          effective: parseIsoDate(change.version === policy.version ? policy.effective : change.date),
        });
  }
  return out;
}

/** Whether a policy's current version is one staff must acknowledge (the policy page says so). */
export const needsAcknowledging = (policy: PolicyFile['policy']): boolean =>
  policy.status === 'approved' &&
  policy.classification !== 'confidential' &&
  policy.changes.some((c) => c.version === policy.version && c.material);

export default defineRule({
  id: 'acknowledged',
  kind: 'group',
  title: '员工确认已阅重大修订',
  docs:
    '这是本手册自身的规则，不出自制度条文。制度的某一版本在 `changes` 中标注 `material: true`（重大修订）时，名册（`roster`，即员工名单）上的每位员工都要在 `due.deadline` 所定期限内确认已阅：从该版本生效之日起算，生效后入职的员工从入职之日起算；期限届满前离职的员工不再要求。' +
    '确认记录（制度确认导出）中员工编号、制度编号相同且版本不低于所要求版本的最早一条为准：确认了 1.2.0 也就确认了 1.1.0 的修订。' +
    '只有已批准（approved）且非机密的制度要求确认。当前版本的生效日取自 `effective`，较早版本取其 `changes` 条目的日期。',
  example: {
    obligation: `  - id: policy-acknowledgement
    title: 员工在重大修订生效后确认已阅
    article: 手册规则（公司设定，不出自制度条文）
    who: { every: department }
    records: acknowledgements
    rule: acknowledged
    roster: { records: employees, link: employee_id, from: hired_on, to: left_on }
    evidence: acknowledged_at
    due: { deadline: policy-acknowledgement }`,
    finding:
      '缺失 OPS-01 员工在重大修订生效后确认已阅 · E0012 · OPS-08 v1.1.0 · 截止 2026-12-18 · 未见记录，已逾期 3 天',
  },
  options: (z) => ({
    /** Timestamp field of the acknowledgement, e.g. `acknowledged_at`. */
    evidence: z.string(),
    due: z
      .object({
        /** Key of a `from: event` deadline in the organisation config, counted from the effective date or the day of joining. */
        deadline: idOf(z),
      })
      .strict(),
    /** Who must acknowledge: the members of a roster, each while they are on it. */
    roster: rosterOf(z),
  }),
  validate: (ob, org) => [
    ...timestampField(ob, ob.evidence, ['evidence']),
    ...deadlineFrom(org, ob.due.deadline, 'event'),
    ...(['policy', 'version'].every((f) => f in recordTypes[ob.records].fields)
      ? []
      : [
          [['records'], `${ob.records} records have no policy and version fields; use acknowledgements`] as [
            string[],
            string,
          ],
        ]),
    ...(ob.roster.link in recordTypes[ob.records].fields
      ? []
      : [[['roster', 'link'], `${ob.records} records have no field "${ob.roster.link}"`] as [string[], string]]),
  ],
  statuses: {
    missing: { ...dueStatuses.missing, todo: '提醒这些员工阅读本版本并在确认系统中确认' },
    late: { ...dueStatuses.late, todo: '已确认，无需补办' },
  },
  describe(ob, org) {
    const deadline = org.deadlines[ob.due.deadline];
    if (!deadline) return `（未定义的截止规则 ${ob.due.deadline}）`;
    return `${describeDeadline(deadline, undefined, '重大修订生效（或员工入职）', 'short')}确认已阅（公司设定）`;
  },
  grain: () => '名册上每人每次重大修订一项',
  fields: (ob) => [ob.roster.link, 'policy', 'version', ob.evidence],
  roster: (ob) => rosterRead(ob.roster),
  key(record, ob) {
    const member = record[ob.roster.link],
      policy = record.policy,
      version = record.version;
    if (!member || !policy || !version) return undefined;
    return `${String(member).trim()}|${String(policy).trim().toUpperCase()}|${String(version)}`;
  },
  value: (record, source, ob) => ({ evidence: record[ob.evidence] as number | null, source }),
  // Two acknowledgements of one version by one member: the earliest counts; on a tie, the first read.
  combine: (earlier: Acknowledgement, later: Acknowledgement) =>
    later.evidence !== null && (earlier.evidence === null || later.evidence < earlier.evidence) ? later : earlier,
  *finish(groups, ob, ctx, roster) {
    const deadline = ctx.org.deadlines[ob.due.deadline]!;
    // Per member and policy, the acknowledgements of each version.
    const acks = new Map<string, { version: string; ack: Acknowledgement }[]>();
    for (const [key, ack] of groups) {
      const cut = key.lastIndexOf('|');
      const who = key.slice(0, cut);
      let list = acks.get(who);
      if (!list) acks.set(who, (list = []));
      list.push({ version: key.slice(cut + 1), ack });
    }
    const keyField = recordTypes[ob.roster.records].key;
    const deptField = fieldsOf(ob.roster.records, 'department')[0]!;
    const members = roster.map((m) => ({
      id: String(m[keyField]),
      department: m[deptField] as string,
      from: ob.roster.from ? (m[ob.roster.from] as number | null) : null,
      to: ob.roster.to ? (m[ob.roster.to] as number | null) : null,
    }));
    // The versions each policy has had: an acknowledgement of any other (11.0 typed for 1.1) answers
    // nothing, and the finding says which value it was.
    const versionsOf = new Map(
      ctx.policies.map((p) => [p.policy.id, new Set([p.policy.version, ...p.policy.changes.map((c) => c.version)])]),
    );
    // The day each version was adopted (its changes entry): an acknowledgement dated earlier is of a
    // text that did not exist yet, and answers nothing (the finding says so).
    const adopted = new Map(
      ctx.policies.map((p) => [p.policy.id, new Map(p.policy.changes.map((c) => [c.version, c.date]))]),
    );
    // An acknowledgement by someone not on the roster, or of no policy of the handbook, answers
    // nothing: said, not dropped.
    const onRoster = new Set(members.map((m) => m.id));
    for (const [who, list] of acks) {
      const cut = who.lastIndexOf('|');
      const [member, policy] = [who.slice(0, cut), who.slice(cut + 1)];
      const source = list[0]!.ack.source;
      if (!onRoster.has(member)) yield { unanswered: notOnRoster(ob.records, ob.roster), value: member, source };
      else if (!versionsOf.has(policy)) yield { unanswered: '制度编号不是本手册中的制度', value: policy, source };
    }
    for (const required of materialVersions(ctx.policies)) {
      const known = versionsOf.get(required.policy)!;
      const effective = ctx.dueOn(required.effective).end - DAY;
      for (const m of members) {
        // Counted from the effective day, or from the day of joining when that is later.
        const start = m.from !== null && m.from > effective ? m.from : effective;
        const due = ctx.dueAfter(deadline, start);
        // Gone before the due day ended: not asked. Gone before the version took effect: never asked.
        if (m.to !== null && m.to < due.end) continue;
        let best: Acknowledgement | undefined;
        const unknown: string[] = [];
        const early: string[] = [];
        for (const a of acks.get(`${m.id}|${required.policy}`) ?? []) {
          const day = adopted.get(required.policy)?.get(a.version);
          if (!known.has(a.version)) unknown.push(a.version);
          else if (
            day !== undefined &&
            a.ack.evidence !== null &&
            compareVersions(a.version, required.version) >= 0 &&
            a.ack.evidence < ctx.dueOn(parseIsoDate(day)).end - DAY
          )
            early.push(`${a.version}（${day} 修订）`);
          else if (
            compareVersions(a.version, required.version) >= 0 &&
            a.ack.evidence !== null &&
            (best === undefined || a.ack.evidence < best.evidence!)
          )
            best = a.ack;
        }
        const instance: Instance = {
          department: m.department,
          due,
          evidence: best?.evidence ?? null,
          subject: `${m.id} · ${required.policy} v${required.version}`,
          source: best?.source ?? null,
          ...(best || (!unknown.length && !early.length)
            ? {}
            : {
                detail: [
                  unknown.length
                    ? `确认记录（所填版本 ${unknown.join('、')} 不是 ${required.policy} 的版本）`
                    : `确认记录（确认时间早于所确认的版本 ${early.join('、')}，不计）`,
                ],
              }),
        };
        yield instance;
      }
    }
  },
});
