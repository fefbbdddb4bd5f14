// Review dates: the next review follows from the last one and the cycle; past it, the policy is overdue.
import { reviewCycles } from '../schema/policy-constants.ts';
import { addToDate, compareDates, isoDate, parseIsoDate, type CalendarDate } from './dates.ts';

export function nextReview(last: string, cycle: keyof typeof reviewCycles): string {
  return isoDate(addToDate(parseIsoDate(last), reviewCycles[cycle], 0));
}

/** A review is overdue once its date has passed (the review day itself is still on time). */
export function isReviewOverdue(next: string, today: CalendarDate): boolean {
  return compareDates(parseIsoDate(next), today) < 0;
}
