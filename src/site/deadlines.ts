// The deadline calendar: every due date that the published obligations have whatever the records
// say (one per period of a periodic obligation), in a window, computed by the same rules the
// checker judges with (checks/rules/<id>.ts: calendar) from the same organisation config.
import { ruleOf } from '../../checks/rules/index.ts';
import { type CalendarDate, compareDates, formatPeriod, type Period } from '../model/dates.ts';
import type { PolicyFile } from '../model/load.ts';
import type { Obligation, Organization } from '../schema/index.ts';

export interface CalendarEntry {
  due: CalendarDate;
  /** The period the obligation is for, e.g. `2027-Q1`. */
  period: string;
  periodValue: Period;
  policy: PolicyFile;
  obligation: Obligation;
}

/** Due dates of obligations falling on `from` … `to` (inclusive), sorted by date. */
export function deadlinesBetween(
  policies: PolicyFile[],
  org: Organization,
  from: CalendarDate,
  to: CalendarDate,
): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  for (const policy of policies) {
    if (policy.policy.status !== 'approved') continue;
    for (const obligation of policy.policy.obligations) {
      const rule = ruleOf(obligation);
      if (!('calendar' in rule) || !rule.calendar) continue;
      for (const { due, period } of rule.calendar(obligation as never, org, from, to))
        entries.push({ due, period: formatPeriod(period), periodValue: period, policy, obligation });
    }
  }
  return entries.sort((a, b) => compareDates(a.due, b.due) || a.policy.policy.chapter - b.policy.policy.chapter);
}
