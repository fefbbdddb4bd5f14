// Rule `follow-up`: one instance per group of records, due a number of days after the last of the
// group's events. 6(三)1 asks the supervisor for feedback "after the evaluation ends": one feedback
// per employee per cycle, however many ratings the cycle has (self, peer, supervisor …), due from
// the day the last of them was given. The grain is the obligation's `per` fields (an employee and a
// cycle); the evidence is the earliest of the group's evidence, wherever it was written (an export
// may carry the feedback on the supervisor's row only, or on every row).
import { carrierFields, carrierOfRecord } from '../../src/model/carrier.ts';
import { formatPeriod, type Period } from '../../src/model/dates.ts';
import { describeDeadline, fieldZh } from '../../src/model/describe.ts';
import { recordTypes } from '../../src/schema/record-types.ts';
import { defineRule, dueStatuses, type Source } from '../engine/rule.ts';
import { columnName, deadlineFrom, idOf, timestampField } from './options.ts';

interface Group {
  /** The latest event of the group (epoch ms), null while none has a value. */
  last: number | null;
  /** The earliest evidence of the group, null while none has a value. */
  evidence: number | null;
  /** The department of the group's first record that names one. */
  department: string | null;
  /** The values of the `per` fields, for the finding's subject. */
  subject: string;
  /** The row a finding points to: the one with the evidence, else the one with the last event. */
  source: Source;
}

const text = (value: string | number | Period | null) =>
  value === null ? '' : typeof value === 'object' ? formatPeriod(value) : String(value);

export default defineRule({
  id: 'follow-up',
  kind: 'group',
  title: '事后跟进',
  docs:
    '记录按 `per` 所列字段分组（如员工编号和评估周期：每位员工每个评估周期为一项），每组一项义务：截止日为组内最晚的 `due.after` 时间（如最后一项评估完成之时）所在日加上组织配置中 `due.deadline` 的天数。' +
    '组内任何一条记录的 `evidence` 时间都算（取最早的）：在截止日当天结束之前为按时，之后为逾期，检查日仍没有为缺失。组内还没有任何 `due.after` 时间的不评判。',
  example: {
    obligation: `  - id: evaluation-feedback
    title: 绩效评估结束后向员工反馈
    who: { every: department }
    records: evaluations
    rule: follow-up
    per: [employee_id, cycle]
    evidence: feedback_at
    due: { after: evaluated_at, deadline: evaluation-feedback }`,
    finding: '缺失 OPS-06 绩效评估结束后向员工反馈 · E0012 2026-Q3 · 截止 2026-10-22 · 未见反馈时间，已逾期 5 天',
  },
  options: (z) => ({
    /** The fields whose values together make one instance, e.g. `[employee_id, cycle]`. */
    per: z.array(z.string()).min(1),
    /** Timestamp field that proves the follow-up, e.g. `feedback_at`. */
    evidence: z.string(),
    due: z
      .object({
        /** Timestamp field of the events followed up: the deadline counts from the group's latest. */
        after: z.string(),
        /** Key of a `from: event` deadline in the organisation config. */
        deadline: idOf(z),
      })
      .strict(),
  }),
  validate: (ob, org) => [
    ...timestampField(ob, ob.evidence, ['evidence']),
    ...timestampField(ob, ob.due.after, ['due', 'after']),
    ...deadlineFrom(org, ob.due.deadline, 'event'),
    ...ob.per.flatMap((field, i): [string[], string][] =>
      field in recordTypes[ob.records].fields
        ? []
        : [
            [
              ['per', String(i)],
              `${ob.records} records have no field "${field}", expected one of ${Object.keys(recordTypes[ob.records].fields).join(', ')}`,
            ],
          ],
    ),
  ],
  statuses: dueStatuses,
  describe(ob, org) {
    const deadline = org.deadlines[ob.due.deadline];
    if (!deadline) return `（未定义的截止规则 ${ob.due.deadline}）`;
    return describeDeadline(deadline, undefined, `最后一项${fieldZh(ob.records, ob.due.after)}`);
  },
  grain: (ob) => `同一${ob.per.map((f) => columnName(ob.records, f)).join('、同一')}为一项`,
  fields: (ob) => [...ob.per, ob.evidence, ob.due.after, ...carrierFields(ob)],
  key(record, ob) {
    let key = '';
    for (const field of ob.per) {
      const value = record[field] ?? null;
      if (value === null) return undefined;
      key += `${text(value)}\u0000`;
    }
    return key;
  },
  value: (record, source, ob): Group => {
    const evidence = record[ob.evidence] as number | null;
    return {
      last: record[ob.due.after] as number | null,
      evidence,
      department: carrierOfRecord(ob, record),
      subject: ob.per.map((f) => text(record[f] ?? null)).join(' '),
      source,
    };
  },
  combine(earlier: Group, later: Group): Group {
    const evidence =
      later.evidence !== null && (earlier.evidence === null || later.evidence < earlier.evidence) ? later : earlier;
    const last = later.last !== null && (earlier.last === null || later.last > earlier.last) ? later : earlier;
    return {
      last: last.last,
      evidence: evidence.evidence,
      department: earlier.department ?? later.department,
      subject: earlier.subject,
      source: evidence.evidence !== null ? evidence.source : last.source,
    };
  },
  *finish(groups, ob, ctx) {
    const deadline = ctx.org.deadlines[ob.due.deadline]!;
    for (const group of groups.values()) {
      // Nothing followed up yet, or the last event has not happened as of the check: not due.
      if (group.last === null || group.last >= ctx.asOfStart || group.department === null) continue;
      yield {
        department: group.department,
        due: ctx.dueAfter(deadline, group.last),
        evidence: group.evidence,
        subject: group.subject,
        source: group.source,
        detail: [columnName(ob.records, ob.evidence)],
      };
    }
  },
});
