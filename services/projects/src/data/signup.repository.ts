import type { EntityManager } from 'typeorm';
import { bigintIds } from '@vg/db';
import { Activity } from './activity.entity';
import { Signup, type SignupStatus } from './signup.entity';

/** Sign-ups: a volunteer's place in an activity, through check-in and check-out. */
export class SignupRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(Signup);
  }

  /**
   * Serialises this volunteer's sign-ups until the transaction ends, so two concurrent sign-ups
   * of one volunteer cannot both pass the overlap check.
   */
  async lockVolunteer(volunteerId: string): Promise<void> {
    await this.manager.query(`/* lockVolunteerSignups */ SELECT pg_advisory_xact_lock(hashtextextended('signup:' || $1, 0))`, [volunteerId]);
  }

  /** The volunteer's live (not cancelled) sign-up for the activity, if any. */
  live(activityId: string, volunteerId: string): Promise<Signup | null> {
    return this.repo
      .createQueryBuilder('s')
      .comment('liveSignup')
      .where("s.activity_id = :activityId AND s.volunteer_id = :volunteerId AND s.status <> 'CANCELLED'", { activityId, volunteerId })
      .getOne();
  }

  /** A live sign-up of the volunteer for another activity overlapping [startsAt, endsAt), if any. */
  overlapping(volunteerId: string, startsAt: Date, endsAt: Date, exceptActivityId: string): Promise<Activity | null> {
    return this.manager
      .getRepository(Activity)
      .createQueryBuilder('a')
      .comment('overlappingSignup')
      .innerJoin(Signup, 's', "s.activity_id = a.id AND s.volunteer_id = :volunteerId AND s.status <> 'CANCELLED'", { volunteerId })
      .where('a.id <> :exceptActivityId', { exceptActivityId })
      .andWhere("a.status <> 'CANCELLED'")
      .andWhere('a.starts_at < :endsAt AND a.ends_at > :startsAt', { startsAt, endsAt })
      .limit(1)
      .getOne();
  }

  async insert(activityId: string, volunteerId: string): Promise<Signup> {
    const { identifiers } = await this.repo.createQueryBuilder().comment('insertSignup').insert().values({ activityId, volunteerId, status: 'SIGNED_UP' }).execute();
    return (await this.repo.createQueryBuilder('s').comment('signupById').where('s.id = :id', { id: identifiers[0].id }).getOne())!;
  }

  /** Moves a sign-up from `from` to `to`, stamping the matching time; null when it was not in `from`. */
  async transition(id: string, from: SignupStatus, to: SignupStatus, at: Date): Promise<Signup | null> {
    const stamp = { CHECKED_IN: 'checkedInAt', CHECKED_OUT: 'checkedOutAt', CANCELLED: 'cancelledAt', SIGNED_UP: undefined }[to];
    const { affected } = await this.repo
      .createQueryBuilder()
      .comment('transitionSignup')
      .update()
      .set({ status: to, ...(stamp ? { [stamp]: at } : {}) })
      .where('id = :id AND status = :from', { id, from })
      .execute();
    if (!affected) return null;
    return this.repo.createQueryBuilder('s').comment('signupById').where('s.id = :id', { id }).getOne();
  }

  /** Cancels every live, not yet checked-in sign-up of an activity (the activity was cancelled). */
  async cancelAllOf(activityId: string, at: Date): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .comment('cancelActivitySignups')
      .update()
      .set({ status: 'CANCELLED', cancelledAt: at })
      .where("activity_id = :activityId AND status = 'SIGNED_UP'", { activityId })
      .execute();
  }

  /** Sign-ups of these volunteers (optionally in one status), soonest activity first. */
  ofVolunteers(volunteerIds: readonly string[], status?: SignupStatus): Promise<Signup[]> {
    const q = this.repo
      .createQueryBuilder('s')
      .comment('signupsOfVolunteers')
      .innerJoin(Activity, 'a', 'a.id = s.activity_id')
      .where('s.volunteer_id = ANY(:ids)', { ids: bigintIds(volunteerIds) })
      .orderBy('a.starts_at')
      .addOrderBy('s.id');
    if (status) q.andWhere('s.status = :status', { status });
    return q.getMany();
  }

  /** Sign-ups of these activities (optionally in one status), in sign-up order. */
  ofActivities(activityIds: readonly string[], status?: SignupStatus): Promise<Signup[]> {
    const q = this.repo
      .createQueryBuilder('s')
      .comment('signupsOfActivities')
      .where('s.activity_id = ANY(:ids)', { ids: bigintIds(activityIds) })
      .orderBy('s.id');
    if (status) q.andWhere('s.status = :status', { status });
    return q.getMany();
  }
}
