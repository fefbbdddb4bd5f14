// Rule `periodic-obligation`: an obligation due once per year, quarter or month for each
// department that carries it (plans). For every period whose due date falls in the window, the
// earliest matching record's evidence timestamp must be before the end of the due day.
import { formatPeriod, nextPeriod, periodDueDate, periodOf, compareDates, type Period } from '../../src/model/dates.ts';
import { fieldsOf } from '../../src/schema/record-types.ts';
import { defineRule, type Source } from '../engine/rule.ts';
import { carrierField, idOf, timestampField, deadlineFrom } from './options.ts';

interface Earliest {
  evidence: number | null;
  source: Source;
}

export default defineRule({
  id: 'periodic-obligation',
  kind: 'group',
  title: '按期提交',
  docs:
    '每个年度、季度或月度（`due.every`），承担义务的每个部门都要有一条匹配的记录，其 `evidence` 时间在组织配置中 `due.deadline` 所定截止日当天结束之前。' +
    '同一部门同一期间有多条记录时，以最早的时间为准；没有记录为缺失。',
  options: (z) => ({
    /** Timestamp field that proves the obligation was met, e.g. `submitted_at`. */
    evidence: z.string(),
    due: z
      .object({
        /** One instance per year, quarter or month (the record's `period`). */
        every: z.enum(['year', 'quarter', 'month']),
        /** Key of a `from: period-start` deadline in the organisation config. */
        deadline: idOf(z),
      })
      .strict(),
  }),
  validate: (ob, org) => [
    ...timestampField(ob, ob.evidence, ['evidence']),
    ...deadlineFrom(org, ob.due.deadline, 'period-start'),
    ...(fieldsOf(ob.records, 'period').length ? [] : [[['due', 'every'], `${ob.records} records have no period; use the event-obligation rule with "after: <timestamp field>" instead`] as [string[], string]]),
  ],
  fields: (ob) => ['period', ob.evidence, carrierField(ob)],
  key(record, ob) {
    const period = record.period as Period | null;
    const department = record[carrierField(ob)] as string | null;
    if (!period || period.unit !== ob.due.every || !department) return undefined;
    return `${department}|${formatPeriod(period)}`;
  },
  value: (record, source, ob) => ({ evidence: record[ob.evidence] as number | null, source }),
  // Two records for one department and period: the earliest submission counts; on a tie, the first read.
  combine: (earlier: Earliest, later: Earliest) =>
    later.evidence !== null && (earlier.evidence === null || later.evidence < earlier.evidence) ? later : earlier,
  *finish(groups, ob, ctx) {
    const deadline = ctx.org.deadlines[ob.due.deadline]!;
    const carriers = 'department' in ob.who ? [ob.who.department] : ctx.org.departments.filter((d) => d.kind === 'department').map((d) => d.id);
    // Due dates may fall before their period (an annual plan is due the November before), so
    // start two years before the window and walk forward past the horizon.
    let period = periodOf(ob.due.every, { year: ctx.since.year - 2, month: 1, day: 1 });
    for (let guard = 0; guard < 10_000; guard++, period = nextPeriod(period)) {
      const date = periodDueDate(deadline, period);
      if (compareDates(date, ctx.horizon) > 0) break;
      const due = ctx.dueOn(date);
      if (!due.inWindow) continue;
      const subject = formatPeriod(period);
      for (const department of carriers) {
        const found = groups.get(`${department}|${subject}`);
        yield { department, due, evidence: found?.evidence ?? null, subject, source: found?.source ?? null };
      }
    }
  },
});
