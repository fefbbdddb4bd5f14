// Rule `periodic-obligation`: an obligation due once per year, quarter or month for each
// department that carries it (plans). For every period whose due date falls in the window,
// the earliest matching record's evidence timestamp must be on or before the end of the due day.
import type { Obligation } from '../../src/schema/index.ts';
import { fieldsOf } from '../../src/schema/record-types.ts';
import { formatPeriod, nextPeriod, periodDueDate, periodOf, startOfDay, type Period } from '../../src/model/dates.ts';
import { Verdicts, judge, inWindow, type RuleFactory } from '../engine/context.ts';

export const id = 'periodic-obligation';

interface Best {
  evidence: number | null;
  file: string;
  line: number;
}

export const periodicObligation: RuleFactory = {
  id,
  applies: (ob: Obligation) => 'every' in ob.due,
  create(ctx, policy, ob) {
    if (!('every' in ob.due)) throw new Error(`${id}: ${ob.id} is not periodic`);
    const unit = ob.due.every;
    const deadline = ctx.org.deadlines[ob.due.deadline]!;
    const departmentField = 'role' in ob.who ? ob.who.field : fieldsOf(ob.records, 'department')[0]!;
    const carriers =
      'department' in ob.who ? [ob.who.department] : ctx.org.departments.filter((d) => d.kind === 'department').map((d) => d.id);
    const match = Object.entries(ob.match);
    const best = new Map<string, Best>();
    const verdicts = Verdicts.forObligation(ctx, id, policy, ob);

    return {
      summary: verdicts.summary,
      onRecord(record) {
        for (const [field, value] of match) if (record.values[field] !== value) return;
        const period = record.values.period as Period | null;
        const department = record.values[departmentField] as string | null;
        if (!period || period.unit !== unit || !department) return;
        const evidence = record.values[ob.evidence] as number | null;
        const key = `${department}|${formatPeriod(period)}`;
        const seen = best.get(key);
        // Two records for one department and period: the earliest submission counts.
        if (!seen || (evidence !== null && (seen.evidence === null || evidence < seen.evidence))) {
          best.set(key, { evidence, file: record.file, line: record.line });
        }
      },
      snapshot: () => [...best],
      absorb(state) {
        // A later part's record wins only with a strictly earlier submission, as in one pass.
        for (const [key, other] of state as [string, Best][]) {
          const seen = best.get(key);
          if (!seen || (other.evidence !== null && (seen.evidence === null || other.evidence < seen.evidence))) best.set(key, other);
        }
      },
      finish() {
        const horizon = startOfDay(ctx.asOf, ctx.org.timeZone) + (ctx.upcomingDays + 1) * 86_400_000;
        // Due dates may fall before their period (an annual plan is due the November before),
        // so start two years before the window and walk forward past the horizon.
        let period = periodOf(unit, { year: ctx.since.year - 2, month: 1, day: 1 });
        for (let guard = 0; guard < 10_000; guard++, period = nextPeriod(period)) {
          const due = periodDueDate(deadline, period);
          if (startOfDay(due, ctx.org.timeZone) >= horizon) break;
          if (!inWindow(ctx, due)) continue;
          const subject = formatPeriod(period);
          for (const department of carriers) {
            const record = best.get(`${department}|${subject}`);
            const verdict = judge(ctx, due, record?.evidence ?? null);
            verdicts.file(verdict, department, subject, due, record ? { file: record.file, line: record.line } : null);
          }
        }
        return { findings: verdicts.findings, upcoming: verdicts.upcoming };
      },
    };
  },
};
