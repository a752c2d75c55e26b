import type { Enrolment } from '../data/enrolment.entity';

export type EnrolmentStatus = 'ACTIVE' | 'CANCELLED' | 'EXPIRED';

/**
 * The status as shown: EXPIRED is not stored but read from the dates, so it is never stale and no
 * job has to run at midnight.
 */
export function enrolmentStatus(e: Pick<Enrolment, 'status' | 'coverEnd'>, today: string): EnrolmentStatus {
  if (e.status === 'CANCELLED') return 'CANCELLED';
  return e.coverEnd < today ? 'EXPIRED' : 'ACTIVE';
}

/** Does this enrolment cover `date`? */
export function covers(e: Pick<Enrolment, 'status' | 'coverStart' | 'coverEnd'>, date: string): boolean {
  return e.status === 'ACTIVE' && e.coverStart <= date && date <= e.coverEnd;
}
