// Rule `event-obligation`: an obligation triggered by each record (a meeting), due a number of
// days after one of its timestamps (the meeting's end), carried by the department a record field
// names (the organiser). Evaluated as records stream by, so memory grows with findings only.
import type { Obligation } from '../../src/schema/index.ts';
import { fieldsOf, recordTypes } from '../../src/schema/record-types.ts';
import { addToDate, dayOf, endOfDay, eventDueDate, startOfDay, type CalendarDate } from '../../src/model/dates.ts';
import { Verdicts, judgeAt, inWindow, type RuleFactory, type VerdictsState } from '../engine/context.ts';

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
    const matchFields = Object.keys(ob.match);
    const matchValues = Object.values(ob.match);
    const verdicts = Verdicts.forObligation(ctx, id, policy, ob);
    const tz = ctx.org.timeZone;
    // Due date, due moment and window per quarter hour of the event (every zone's offset is a
    // multiple of 15 minutes, so a quarter hour lies within one local day): a million meetings
    // fall in a few thousand of them, and the calendar arithmetic is the costly part. Quarter
    // hours from a year before the window to as-of are an array index; others go to a Map.
    type When = { due: CalendarDate; dueMoment: number; inWindow: boolean };
    const QUARTER = 900_000;
    const origin = Math.floor(startOfDay(addToDate(ctx.since, -12, 0), tz) / QUARTER);
    const near: (When | undefined)[] = new Array(Math.max(0, Math.ceil(ctx.asOfStart / QUARTER) - origin + 1)).fill(undefined);
    const far = new Map<number, When>();
    const whenOf = (at: number): When => {
      const due = eventDueDate(deadline, dayOf(at, tz));
      return { due, dueMoment: endOfDay(due, tz), inWindow: inWindow(ctx, due) };
    };

    return {
      summary: verdicts.summary,
      onRecord(record) {
        for (let i = 0; i < matchFields.length; i++) if (record.values[matchFields[i]!] !== matchValues[i]) return;
        const at = record.values[trigger] as number | null;
        // The event has not happened as of the check: nothing is due yet.
        if (at === null || at >= ctx.asOfStart) return;
        const quarter = Math.floor(at / QUARTER);
        const i = quarter - origin;
        let when = i >= 0 && i < near.length ? near[i] : far.get(quarter);
        if (!when) {
          when = whenOf(at);
          if (i >= 0 && i < near.length) near[i] = when;
          else far.set(quarter, when);
        }
        if (!when.inWindow) return;
        const verdict = judgeAt(ctx, when.dueMoment, record.values[ob.evidence] as number | null);
        if (verdicts.settled(verdict)) return;
        const department = fixed ?? (record.values[departmentField] as string);
        verdicts.file(verdict, department, String(record.values[keyField]), when.due, { file: record.file, line: record.line });
      },
      finish: () => ({ findings: verdicts.findings, upcoming: verdicts.upcoming }),
      // Each meeting is judged on its own, so parts merge by adding up.
      snapshot: () => verdicts.snapshot(),
      absorb: (state) => verdicts.absorb(state as VerdictsState),
    };
  },
};
