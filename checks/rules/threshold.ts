// Rule `threshold`: a monitored value at or over its warning threshold must be followed by an
// alert within the configured days (`no-alert` when none came, `late` when it came after).
import { carrierFields, carrierOfRecord } from '../../src/model/carrier.ts';
import { describeDeadline, fieldZh } from '../../src/model/describe.ts';
import { recordTypes } from '../../src/schema/record-types.ts';
import { defineRule, dueStatuses } from '../engine/rule.ts';
import { columnName, deadlineFrom, idOf, numberField, timestampField } from './options.ts';

export default defineRule({
  id: 'threshold',
  kind: 'each',
  title: '超过预警值须预警',
  docs:
    '记录中的指标值（`value`）达到或超过预警值（`threshold`）时，须在 `due.after` 所指时间后 `due.deadline` 所定天数内发出预警（`evidence`）。' +
    '没有预警为“未预警”，预警晚了为逾期；指标值或预警值为空的记录不评判。起算时间应是指标达到预警值之时，而不是风险识别之时；不知道何时达到预警值的（该列为空或导出中没有该列），仍核查有没有预警，但不核查预警是否及时。',
  example: {
    obligation: `  - id: risk-alert
    title: 风险指标达到预警值时及时发出预警
    who: { every: department }
    records: risks
    rule: threshold
    value: value
    threshold: threshold
    evidence: alerted_at
    due: { after: reached_at, deadline: risk-alert }`,
    finding:
      '未预警 OPS-05 风险指标达到预警值时及时发出预警 · R-02 · 截止 2026-07-21 · 达到预警值但未见预警，已逾期 126 天 决议与风险台账.xlsx:风险台账:3',
  },
  options: (z) => ({
    value: z.string(),
    threshold: z.string(),
    /** Timestamp of the alert. */
    evidence: z.string(),
    due: z.object({ after: z.string(), deadline: idOf(z) }).strict(),
  }),
  validate: (ob, org) => [
    ...numberField(ob, ob.value, ['value']),
    ...numberField(ob, ob.threshold, ['threshold']),
    ...timestampField(ob, ob.evidence, ['evidence']),
    ...timestampField(ob, ob.due.after, ['due', 'after']),
    ...deadlineFrom(org, ob.due.deadline, 'event'),
  ],
  statuses: {
    'no-alert': {
      zh: '未预警',
      means: '指标达到预警值，截止日已过仍未见预警',
      todo: '立即发出预警；已发出的，在系统中补录预警时间',
      says: ({ daysLate }) =>
        daysLate > 0 ? `达到预警值但未见预警，已逾期 ${daysLate} 天` : '达到预警值但未见预警（达到预警值的时间不详）',
    },
    late: dueStatuses.late,
  },
  describe(ob, org) {
    const deadline = org.deadlines[ob.due.deadline];
    return deadline
      ? `${fieldZh(ob.records, ob.value)}达到${fieldZh(ob.records, ob.threshold)}时，${describeDeadline(deadline, undefined, fieldZh(ob.records, ob.due.after))}预警`
      : `（未定义的截止规则 ${ob.due.deadline}）`;
  },
  grain: (ob) => `每条${recordTypes[ob.records].label}记录一项`,
  fields: (ob) => [ob.value, ob.threshold, ob.evidence, ob.due.after, ...carrierFields(ob)],
  // When the value reached its threshold decides whether an alert was timely, not whether there was one.
  partialFields: (ob) => [ob.due.after],
  each(record, ob, ctx) {
    const value = record[ob.value] as number | null;
    const limit = record[ob.threshold] as number | null;
    const at = record[ob.due.after] as number | null;
    if (value === null || limit === null || value < limit) return undefined;
    const department = carrierOfRecord(ob, record);
    const evidence = record[ob.evidence] as number | null;
    if (at === null) {
      // Over its threshold with no alert at all: missing whenever the value got there. With an
      // alert, its timing cannot be told (the run says so where the column is absent).
      if (evidence !== null) return undefined;
      return {
        department,
        due: { ...ctx.dueOn(ctx.asOf), inWindow: true },
        evidence: null,
        violation: { status: 'no-alert', detail: [columnName(ob.records, ob.evidence)], at: null },
      };
    }
    if (at >= ctx.asOfStart) return undefined;
    return { department, due: ctx.dueAfter(ctx.org.deadlines[ob.due.deadline]!, at), evidence, missing: 'no-alert' };
  },
});
