import { effectiveSignupStatus } from './signup-status';

describe('effectiveSignupStatus', () => {
  const endsAt = new Date('2026-05-01T10:00:00Z');
  it('reads a sign-up never checked in as NO_SHOW from the end on', () => {
    expect(effectiveSignupStatus({ status: 'SIGNED_UP' }, { endsAt }, new Date('2026-05-01T09:59:59Z'))).toBe('SIGNED_UP');
    expect(effectiveSignupStatus({ status: 'SIGNED_UP' }, { endsAt }, endsAt)).toBe('NO_SHOW');
  });
  it('leaves every other status as stored', () => {
    const after = new Date('2026-05-02T00:00:00Z');
    for (const status of ['CHECKED_IN', 'CHECKED_OUT', 'CANCELLED'] as const) expect(effectiveSignupStatus({ status }, { endsAt }, after)).toBe(status);
  });
});
