// Rule `event-obligation`: an obligation triggered by each record (a meeting), due a number of
// days after one of its timestamps (the meeting's end), carried by the department a record field
// names (the organiser). Evaluated as records stream by, so memory grows with findings only.
import type { Obligation } from '../../src/schema/index.ts';
import { fieldsOf, recordTypes } from '../../src/schema/index.ts';
import { dayOf, eventDueDate } from '../../src/model/dates.ts';
import { Verdicts, judge, inWindow, type RuleFactory } from '../engine/context.ts';

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

    return {
      summary: verdicts.summary,
      onRecord(record) {
        for (const [field, value] of match) if (record.values[field] !== value) return;
        const at = record.values[trigger] as number | null;
        // The event has not happened as of the check: nothing is due yet.
        if (at === null || at >= ctx.asOfStart) return;
        const due = eventDueDate(deadline, dayOf(at, ctx.org.timeZone));
        if (!inWindow(ctx, due)) return;
        const department = fixed ?? (record.values[departmentField] as string);
        const verdict = judge(ctx, due, record.values[ob.evidence] as number | null);
        verdicts.file(verdict, department, String(record.values[keyField]), due, { file: record.file, line: record.line });
      },
      finish: () => ({ findings: verdicts.findings, upcoming: verdicts.upcoming }),
    };
  },
};
