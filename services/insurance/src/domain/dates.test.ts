import { addDays, chinaDate, chinaDatesBetween, lastDayOfTerm, periodsOverlap } from './dates';

describe('dates', () => {
  it('lists every China date an activity spans', () => {
    expect(chinaDatesBetween(new Date('2025-06-30T10:00:00Z'), new Date('2025-06-30T15:00:00Z'))).toEqual(['2025-06-30']);
    expect(chinaDatesBetween(new Date('2025-06-30T10:00:00Z'), new Date('2025-06-30T17:00:00Z'))).toEqual(['2025-06-30', '2025-07-01']);
  });

  it('reads instants as China dates (UTC+8)', () => {
    expect(chinaDate(new Date('2025-06-30T15:59:59Z'))).toBe('2025-06-30');
    expect(chinaDate(new Date('2025-06-30T16:00:00Z'))).toBe('2025-07-01');
  });

  it('ends a term the day before the same day months later', () => {
    expect(lastDayOfTerm('2025-01-01', 12)).toBe('2025-12-31');
    expect(lastDayOfTerm('2024-03-01', 12)).toBe('2025-02-28');
    expect(lastDayOfTerm('2024-02-29', 12)).toBe('2025-02-28');
    expect(lastDayOfTerm('2025-01-15', 1)).toBe('2025-02-14');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });

  it('overlaps inclusive periods that share a day', () => {
    expect(periodsOverlap('2025-01-01', '2025-06-30', '2025-06-30', '2025-12-31')).toBe(true);
    expect(periodsOverlap('2025-01-01', '2025-06-29', '2025-06-30', '2025-12-31')).toBe(false);
  });
});
