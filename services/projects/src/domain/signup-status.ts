import type { SignupStatus } from '../data/signup.entity';

/** What a sign-up's status reads as, including the derived NO_SHOW. */
export type EffectiveSignupStatus = SignupStatus | 'NO_SHOW';

/**
 * A sign-up never checked in reads as NO_SHOW once its activity has ended. Derived on every read
 * rather than stored, so it is never stale and needs no job to flip it at the end time.
 */
export function effectiveSignupStatus(signup: { status: SignupStatus }, activity: { endsAt: Date }, now = new Date()): EffectiveSignupStatus {
  return signup.status === 'SIGNED_UP' && activity.endsAt <= now ? 'NO_SHOW' : signup.status;
}
