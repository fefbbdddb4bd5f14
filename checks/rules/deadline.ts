// Rule `deadline`: each record (a meeting, a decision, a loan) must show its evidence by a due
// day: a number of days after one of its timestamps (minutes after the meeting ends), before one
// (a notice at least N days before the meeting: a negative offset), or on a date the record
// itself carries (a decision's due date, a loan's return date), with a configured offset when
// the record has none. Every record is judged on its own as it is read.
import { carrierFields, carrierOfRecord } from '../../src/model/carrier.ts';
import { describeDeadline, fieldZh } from '../../src/model/describe.ts';
import { recordTypes } from '../../src/schema/record-types.ts';
import { defineRule, type DueDay, dueStatuses, outOfOrder } from '../engine/rule.ts';
import { columnName, deadlineFrom, idOf, timestampField } from './options.ts';

/** The fields a deadline counts from: one, or several (the earliest with a value counts). */
const afters = new WeakMap<object, string[]>();
function afterFields(ob: { due: { after?: string | string[] } }): string[] {
  // Asked once per record: remembered per obligation, not a new array each time.
  let fields = afters.get(ob);
  if (!fields) afters.set(ob, (fields = ob.due.after === undefined ? [] : [ob.due.after].flat()));
  return fields;
}

export default defineRule({
  id: 'deadline',
  kind: 'each',
  title: '限期完成',
  docs:
    '每条记录触发一项义务。截止日为记录中某个时间（`due.after`，如会议结束时间）所在日加上组织配置中 `due.deadline` 的天数（负数表示之前，如会议通知须提前发出），' +
    '或记录自带的日期（`due.on`，如决议的完成期限、借阅的应还日期；没有时再按 `due.after` 和 `due.deadline` 计算）。' +
    '`evidence` 时间在截止日当天结束之前为按时，之后为逾期，检查日仍没有为缺失；尚未发生的事件不评判。',
  example: {
    obligation: `  - id: decision-done
    title: 会议决议在完成期限内完成
    who: { every: department }
    records: decisions
    rule: deadline
    evidence: completed_at
    due: { on: due_at }`,
    finding:
      '逾期 OPS-08 会议决议在完成期限内完成 · D-02 · 截止 2026-09-30 · 2026-10-08 00:00 提交，逾期 8 天 决议与风险台账.xlsx:会议决议:3',
  },
  options: (z) => ({
    /** Timestamp field that proves the obligation was met, e.g. `minutes_filed_at`. */
    evidence: z.string(),
    due: z
      .object({
        /** A date field of the record that is itself the due date, e.g. `due_at`. */
        on: z.string().optional(),
        /**
         * Timestamp field the deadline counts from, e.g. `end_at` (used when `on` is absent or empty);
         * or several, counted from the earliest that has a value (`[start_at, end_at]`: a meeting
         * without a start time is judged from its end; `[completed_at, due_at]`: an unfinished
         * decision from its due date).
         */
        after: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
        /** Key of a `from: event` deadline in the organisation config, with `after`. */
        deadline: idOf(z).optional(),
      })
      .strict(),
  }),
  validate: (ob, org) => [
    ...timestampField(ob, ob.evidence, ['evidence']),
    ...(ob.due.on ? timestampField(ob, ob.due.on, ['due', 'on']) : []),
    ...afterFields(ob).flatMap((f, i) =>
      timestampField(ob, f, typeof ob.due.after === 'string' ? ['due', 'after'] : ['due', 'after', String(i)]),
    ),
    ...(ob.due.deadline ? deadlineFrom(org, ob.due.deadline, 'event') : []),
    ...(!ob.due.on && !(ob.due.after && ob.due.deadline)
      ? [
          [['due'], 'give "on: <date field>", or "after: <timestamp field>" with "deadline: <key>", or all three'] as [
            string[],
            string,
          ],
        ]
      : []),
    ...(!!ob.due.after !== !!ob.due.deadline
      ? [[['due'], '"after" and "deadline" go together'] as [string[], string]]
      : []),
  ],
  statuses: { ...dueStatuses, ...outOfOrder },
  describe(ob, org) {
    const deadline = ob.due.deadline ? org.deadlines[ob.due.deadline] : undefined;
    const after = afterFields(ob).map((f) => fieldZh(ob.records, f));
    const from = after.length > 1 ? `${after.join('或')}（取较早者）` : after[0];
    const counted = deadline && from ? describeDeadline(deadline, undefined, from) : '';
    if (ob.due.on) {
      const on = fieldZh(ob.records, ob.due.on);
      return `${on}当日内${counted ? `；未写${on}的，${counted}` : ''}`;
    }
    return counted || `（未定义的截止规则 ${ob.due.deadline}）`;
  },
  grain: (ob) => `每条${recordTypes[ob.records].label}记录一项`,
  fields: (ob) => [ob.evidence, ...(ob.due.on ? [ob.due.on] : []), ...afterFields(ob), ...carrierFields(ob)],
  each(record, ob, ctx) {
    const department = carrierOfRecord(ob, record);
    // No one to hold to it (a decision without an owner is the complete rule's finding).
    if (department === null) return undefined;
    let due: DueDay | undefined;
    const on = ob.due.on ? (record[ob.due.on] as number | null) : null;
    if (on !== null) due = ctx.dueOnDayOf(on);
    else if (ob.due.after && ob.due.deadline) {
      let at: number | null = null;
      let from = '';
      const fields = afterFields(ob);
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i]!;
        const t = record[f] as number | null;
        if (t !== null && (at === null || t < at)) {
          at = t;
          from = f;
        }
      }
      const deadline = ctx.org.deadlines[ob.due.deadline]!;
      // The event has not happened as of the check: nothing counted from it is due yet (a
      // deadline before the event, such as a notice, can be due already).
      const afterEvent = deadline.months * 31 + deadline.days >= 0;
      if (at === null || (at >= ctx.asOfStart && afterEvent)) return undefined;
      due = ctx.dueAfter(deadline, at);
      // Evidence dated before the event it follows (minutes filed a year before the meeting, a
      // typo for the year) is not on time: it is out of order, judged in the event's window.
      const evidence = record[ob.evidence] as number | null;
      if (evidence !== null && evidence < at && evidence < ctx.asOfStart && afterEvent)
        return {
          department,
          due,
          evidence,
          violation: {
            status: 'out-of-order',
            detail: [columnName(ob.records, from), columnName(ob.records, ob.evidence)],
            at: evidence,
          },
        };
    }
    if (!due) return undefined;
    return { department, due, evidence: record[ob.evidence] as number | null };
  },
});
