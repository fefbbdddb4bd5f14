// Rule `event-obligation`: an obligation triggered by each record (a meeting), due a number of
// days after one of its timestamps (the meeting's end), carried by the department a record field
// names (the organiser) or by one department. Every record is judged on its own as it is read.
import { defineRule } from '../engine/rule.ts';
import { carrierField, idOf, timestampField, deadlineFrom } from './options.ts';

export default defineRule({
  id: 'event-obligation',
  kind: 'each',
  title: '事件后限期完成',
  docs:
    '每条记录（如一次会议）触发一项义务，截止日期为记录中某个时间（`due.after`，如会议结束时间）之后组织配置中 `due.deadline` 所定的天数。' +
    '`evidence` 所列时间在截止日当天结束之前即为按时；之后为逾期；检查日仍没有则为缺失。事件尚未发生的记录不评判。',
  options: (z) => ({
    /** Timestamp field that proves the obligation was met, e.g. `minutes_filed_at`. */
    evidence: z.string(),
    due: z
      .object({
        /** Timestamp field the deadline counts from, e.g. `end_at`. */
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
  ],
  fields: (ob) => [ob.due.after, ob.evidence, ...('department' in ob.who ? [] : [carrierField(ob)])],
  each(record, ob, ctx) {
    const at = record[ob.due.after] as number | null;
    // The event has not happened as of the check: nothing is due yet.
    if (at === null || at >= ctx.asOfStart) return undefined;
    const department = 'department' in ob.who ? ob.who.department : (record[carrierField(ob)] as string);
    return { department, due: ctx.dueAfter(ctx.org.deadlines[ob.due.deadline]!, at), evidence: record[ob.evidence] as number | null };
  },
});
