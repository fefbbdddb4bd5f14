// Rule `threshold`: a monitored value at or over its warning threshold must be followed by an
// alert within the configured days (`no-alert` when none came, `late` when it came after).
import { carrierFields, carrierOfRecord } from '../../src/model/carrier.ts';
import { describeDeadline, fieldZh } from '../../src/model/describe.ts';
import { recordTypes } from '../../src/schema/record-types.ts';
import { defineRule, dueStatuses } from '../engine/rule.ts';
import { deadlineFrom, idOf, numberField, timestampField } from './options.ts';

export default defineRule({
  id: 'threshold',
  kind: 'each',
  title: '超过预警值须预警',
  docs:
    '记录中的指标值（`value`）达到或超过预警值（`threshold`）时，须在 `due.after` 所指时间后 `due.deadline` 所定天数内发出预警（`evidence`）。' +
    '没有预警为“未预警”，预警晚了为逾期；指标值、预警值或起算时间为空的记录不评判（起算时间应是指标达到预警值之时，而不是风险识别之时）。',
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
      says: ({ daysLate }) => `达到预警值但未见预警，已逾期 ${daysLate} 天`,
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
  each(record, ob, ctx) {
    const value = record[ob.value] as number | null;
    const limit = record[ob.threshold] as number | null;
    const at = record[ob.due.after] as number | null;
    if (value === null || limit === null || value < limit || at === null || at >= ctx.asOfStart) return undefined;
    const department = carrierOfRecord(ob, record);
    return {
      department,
      due: ctx.dueAfter(ctx.org.deadlines[ob.due.deadline]!, at),
      evidence: record[ob.evidence] as number | null,
      missing: 'no-alert',
    };
  },
});
