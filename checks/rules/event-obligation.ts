// Rule `event-obligation`: an obligation triggered by each record (a meeting), due a number of
// days after one of its timestamps (the meeting's end), carried by the department a record field
// names (the organiser). Evaluated as records stream by, so memory grows with findings only.
import type { Obligation } from '../../src/schema/index.ts';
import { fieldsOf, recordTypes } from '../../src/schema/index.ts';
import { dayOf, endOfDay, eventDueDate, localDay, type CalendarDate } from '../../src/model/dates.ts';
import { Verdicts, judgeAt, inWindow, type RuleFactory } from '../engine/context.ts';

export const id = 'event-obligation';

export const eventObligation: RuleFactory = {
  id,
  applies: (ob: Obligation) => 'after' in ob.due,
  create(ctx, policy, ob) {
    if (!('after' in ob.due)) throw new Error(`${id}: ${ob.id} is not an event obligation`);
    const trigger = ob.due.after;
    const deadline = ctx.org.deadlines[ob.due.deadline]!;
    const departmentField = 'role' in ob.who ? ob.who.field : fieldsOf(ob.records, 'department')[0]!;
    const fixed = 'department' in ob.who ? ob.who.department : undefined;
    const keyField = recordTypes[ob.records].key;
    const match = Object.entries(ob.match);
    const verdicts = Verdicts.forObligation(ctx, id, policy, ob);
    const tz = ctx.org.timeZone;
    // Due date, due moment and window per local day of the event: a million meetings fall on a
    // few hundred days, and the calendar arithmetic is the costly part.
    const byDay = new Map<number, { due: CalendarDate; dueMoment: number; inWindow: boolean }>();

    return {
      summary: verdicts.summary,
      onRecord(record) {
        for (const [field, value] of match) if (record.values[field] !== value) return;
        const at = record.values[trigger] as number | null;
        // The event has not happened as of the check: nothing is due yet.
        if (at === null || at >= ctx.asOfStart) return;
        const day = localDay(at, tz);
        let when = byDay.get(day);
        if (!when) {
          const due = eventDueDate(deadline, dayOf(at, tz));
          byDay.set(day, (when = { due, dueMoment: endOfDay(due, tz), inWindow: inWindow(ctx, due) }));
        }
        if (!when.inWindow) return;
        const verdict = judgeAt(ctx, when.dueMoment, record.values[ob.evidence] as number | null);
        if (verdicts.settled(verdict)) return;
        const department = fixed ?? (record.values[departmentField] as string);
        verdicts.file(verdict, department, String(record.values[keyField]), when.due, { file: record.file, line: record.line });
      },
      finish: () => ({ findings: verdicts.findings, upcoming: verdicts.upcoming }),
    };
  },
};
