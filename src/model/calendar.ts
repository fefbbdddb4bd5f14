// The deadline calendar: every due date that the published periodic obligations produce in a
// window, computed from the same config and date logic the checker uses.
import type { Obligation, Organization } from '../schema/index.ts';
import type { PolicyFile } from './load.ts';
import { periodUnit } from './describe.ts';
import {
  compareDates,
  formatPeriod,
  nextPeriod,
  periodDueDate,
  periodOf,
  type CalendarDate,
  type Period,
} from './dates.ts';

export interface CalendarEntry {
  due: CalendarDate;
  /** The period the obligation is for, e.g. `2027-Q1`. */
  period: string;
  periodValue: Period;
  policy: PolicyFile;
  obligation: Obligation;
}

/** Due dates of periodic obligations falling on `from` … `to` (inclusive), sorted by date. */
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
      if (obligation.rule !== 'periodic') continue;
      const rule = org.deadlines[obligation.due.deadline];
      if (!rule) continue;
      const unit = periodUnit(obligation, org);
      // Deadlines can fall well before their period (an annual plan is due the November before),
      // so start a year early and walk forward until due dates pass the window.
      let period = periodOf(unit, { year: from.year - 1, month: 1, day: 1 });
      for (let guard = 0; guard < 200; guard++, period = nextPeriod(period)) {
        const due = periodDueDate(rule, period);
        if (compareDates(due, to) > 0) break;
        if (compareDates(due, from) >= 0)
          entries.push({ due, period: formatPeriod(period), periodValue: period, policy, obligation });
      }
    }
  }
  return entries.sort((a, b) => compareDates(a.due, b.due) || a.policy.policy.chapter - b.policy.policy.chapter);
}
