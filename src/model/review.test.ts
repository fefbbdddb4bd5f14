import { describe, expect, it } from 'vitest';
import { isReviewOverdue, nextReview } from './review.ts';

describe('next review date', () => {
  it('adds the cycle to the last review', () => {
    expect(nextReview('2026-01-01', 'annual')).toBe('2027-01-01');
    expect(nextReview('2026-01-15', 'quarterly')).toBe('2026-04-15');
    expect(nextReview('2025-06-30', 'semiannual')).toBe('2025-12-30');
    expect(nextReview('2026-03-01', 'biennial')).toBe('2028-03-01');
  });

  it('clamps to the end of a shorter month, leap years included', () => {
    expect(nextReview('2025-08-31', 'semiannual')).toBe('2026-02-28');
    expect(nextReview('2027-08-31', 'semiannual')).toBe('2028-02-29');
    expect(nextReview('2024-02-29', 'annual')).toBe('2025-02-28');
  });

  it('is overdue only after the review day', () => {
    expect(isReviewOverdue('2026-11-24', { year: 2026, month: 11, day: 24 })).toBe(false);
    expect(isReviewOverdue('2026-11-24', { year: 2026, month: 11, day: 25 })).toBe(true);
    expect(isReviewOverdue('2026-12-01', { year: 2026, month: 11, day: 30 })).toBe(false);
  });
});
