import { localDate, localYear, localYearStart } from './localTime';

describe('local time (UTC+8)', () => {
  it('puts 16:00 UTC on the next local day, and the new year at 16:00 UTC on 31 December', () => {
    expect(localDate(new Date('2024-05-01T15:59:00Z'))).toBe('2024-05-01');
    expect(localDate(new Date('2024-05-01T16:00:00Z'))).toBe('2024-05-02');
    expect(localYear(new Date('2024-12-31T15:59:59Z'))).toBe(2024);
    expect(localYear(new Date('2024-12-31T16:00:00Z'))).toBe(2025);
    expect(localYearStart(2025).toISOString()).toBe('2024-12-31T16:00:00.000Z');
  });
});
