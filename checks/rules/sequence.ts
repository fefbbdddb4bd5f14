// Rule `sequence`: the steps of a record happen in order (drafted, reviewed, approved, published;
// applied for, approved, lent). A later step without an earlier one is `skipped`; a later step
// stamped before the one it follows is `out-of-order`. With a deadline, the last step missing
// after it is `missing` (and after it, `late`), as for any deadline.
import { fieldsOf } from '../../src/schema/record-types.ts';
import { periodDueDate, type Period } from '../../src/model/dates.ts';
import { carrierFields, carrierOfRecord } from '../../src/model/carrier.ts';
import { describeDeadline, fieldZh } from '../../src/model/describe.ts';
import { defineRule, type DueDay, dueStatuses } from '../engine/rule.ts';
import { columnName, deadlineFrom, idOf, timestampField } from './options.ts';

export default defineRule({
  id: 'sequence',
  kind: 'each',
  title: '按顺序办理',
  docs:
    '记录中的各步（`steps`，按先后列出的时间字段）必须依次完成：后一步有而前一步没有为“跳步”，后一步早于前一步为“顺序颠倒”。' +
    '给出 `due.deadline` 时，最后一步还要在截止日当天结束之前完成：计划类截止日按记录的期间计算，事件类从第一步起算；过期未完成为缺失，完成晚了为逾期。',
  example: {
    obligation: `  - id: document-order
    title: 文档依次经起草、审核、批准后发布
    who: { every: department }
    records: documents
    rule: sequence
    steps: [drafted_at, reviewed_at, approved_at, published_at]`,
    finding:
      '跳步 OPS-09 文档依次经起草、审核、批准后发布 · DOC-02 · 截止 2026-05-20 · 未经批准时间（2026-05-20 00:00） 文档与借阅.xlsx:文档登记:3',
  },
  options: (z) => ({
    /** Timestamp fields, in the order the steps must happen. */
    steps: z.array(z.string()).min(2),
    /** Deadline for the last step: counted from the record's period, or (`from: event`) from the first step. */
    due: z
      .object({ deadline: idOf(z) })
      .strict()
      .optional(),
  }),
  validate: (ob, org) => [
    ...ob.steps.flatMap((s, i) => timestampField(ob, s, ['steps', String(i)])),
    ...(ob.due
      ? deadlineFrom(org, ob.due.deadline, org.deadlines[ob.due.deadline]?.from === 'event' ? 'event' : 'period')
      : []),
    ...(ob.due && org.deadlines[ob.due.deadline]?.from !== 'event' && !fieldsOf(ob.records, 'period').length
      ? [
          [['due', 'deadline'], `${ob.records} records have no period; use a deadline with from: event`] as [
            string[],
            string,
          ],
        ]
      : []),
  ],
  statuses: {
    skipped: {
      zh: '跳步',
      means: '后一步已办，前一步没有记录',
      says: ({ fields, at }) => `${fields ? `未经${fields}` : '跳过前一步'}${at ? `（${at}）` : ''}`,
    },
    'out-of-order': {
      zh: '顺序颠倒',
      means: '后一步的时间早于前一步',
      says: ({ fields, at }) => `${fields ? `${fields}顺序颠倒` : '顺序颠倒'}${at ? `（${at}）` : ''}`,
    },
    ...dueStatuses,
  },
  describe(ob, org) {
    const steps = ob.steps.map((s) => fieldZh(ob.records, s)).join(' → ');
    const deadline = ob.due ? org.deadlines[ob.due.deadline] : undefined;
    if (!deadline) return `依次：${steps}`;
    const last = fieldZh(ob.records, ob.steps.at(-1)!);
    if (deadline.from === 'event')
      return `依次：${steps}；${describeDeadline(deadline, undefined, fieldZh(ob.records, ob.steps[0]!))}${last}`;
    const level = ob.match.level;
    const unit = level === 'quarterly' ? 'quarter' : level === 'monthly' ? 'month' : 'year';
    return `依次：${steps}；${last}在${describeDeadline(deadline, unit)}（含当日）前`;
  },
  fields: (ob) => [
    ...ob.steps,
    ...(ob.due && fieldsOf(ob.records, 'period').length ? [fieldsOf(ob.records, 'period')[0]!] : []),
    ...carrierFields(ob),
  ],
  each(record, ob, ctx) {
    const department = carrierOfRecord(ob, record);
    if (department === null) return undefined;
    const times = ob.steps.map((s) => record[s] as number | null);
    for (let i = 1; i < times.length; i++) {
      const at = times[i]!;
      if (at === null || at >= ctx.asOfStart) continue;
      const missing = ob.steps.slice(0, i).filter((_, j) => times[j] === null);
      const on = ctx.dueOn(ctx.dayOf(at));
      if (missing.length)
        return {
          department,
          due: on,
          evidence: at,
          violation: { status: 'skipped', detail: missing.map((s) => columnName(ob.records, s)), at },
        };
      const before = times[i - 1]!;
      if (at < before)
        return {
          department,
          due: on,
          evidence: at,
          violation: {
            status: 'out-of-order',
            detail: [columnName(ob.records, ob.steps[i - 1]!), columnName(ob.records, ob.steps[i]!)],
            at,
          },
        };
    }
    if (!ob.due) {
      // Every step done, in order: met. A record still on its way is not judged yet.
      const last = times.at(-1)!;
      return last !== null && last < ctx.asOfStart
        ? { department, due: ctx.dueOn(ctx.dayOf(last)), evidence: last, met: true }
        : undefined;
    }
    const deadline = ctx.org.deadlines[ob.due.deadline]!;
    let due: DueDay;
    if (deadline.from === 'event') {
      if (times[0] === null || times[0]! >= ctx.asOfStart) return undefined;
      due = ctx.dueAfter(deadline, times[0]!);
    } else {
      const period = record[fieldsOf(ob.records, 'period')[0]!] as Period | null;
      if (!period) return undefined;
      due = ctx.dueOn(periodDueDate(deadline, period));
    }
    const last = ob.steps.at(-1)!;
    return { department, due, evidence: times.at(-1)!, detail: [columnName(ob.records, last)] };
  },
});
