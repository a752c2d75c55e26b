import { requestHours } from './completion-record';

describe('requestHours', () => {
  const accepted = new Date('2026-05-01T08:00:00Z');
  const at = (minutes: number) => new Date(accepted.getTime() + minutes * 60_000);
  it('takes half hours up to the time since acceptance, rounded up to the next half hour', () => {
    expect(requestHours('h', 0.5, accepted, at(20))).toBe(0.5);
    expect(requestHours('h', 1.5, accepted, at(61))).toBe(1.5);
    expect(() => requestHours('h', 1, accepted, at(20))).toThrow(/time since the request was accepted \(0.5 h\)/);
  });
  it('refuses zero, negatives, fractions other than halves, and more than a day', () => {
    const later = at(3 * 24 * 60);
    for (const bad of [0, -1, 0.25, 1.2, Number.NaN]) expect(() => requestHours('h', bad, accepted, later)).toThrow(/more than 0, in half hours/);
    expect(() => requestHours('h', 24.5, accepted, later)).toThrow(/at most 24/);
    expect(requestHours('h', 24, accepted, later)).toBe(24);
  });
  it('names the field', () => {
    try {
      requestHours('input.hours', 0, accepted, at(60));
      throw new Error('accepted');
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.hours' });
    }
  });
});
