import type { EntityRef } from '@vg/graphql';
import type { InsuranceContext } from '../context';
import type { Enrolment } from '../data/enrolment.entity';
import type { ActivityRef, VolunteerInsuranceModel } from '../data/references';
import { requireInsuranceVisible, requireParticipantsVisible } from './access';
import { chinaDatesBetween, chinaToday } from './dates';
import { covers } from './enrolment-status';

/**
 * Who is covered when. Every answer reads through the request's loaders, so a list of volunteers
 * or activities costs one statement, whatever dates are asked.
 */

/** Volunteer.insurance: for the volunteer themself, INSURER and ADMIN. */
export function insuranceOf(ctx: InsuranceContext, volunteer: EntityRef): VolunteerInsuranceModel {
  requireInsuranceVisible(ctx.viewer, volunteer.id);
  return { volunteerId: volunteer.id };
}

/** Covered on `date` (today, China time, when not given) by an enrolment not cancelled? */
export async function coveredOn(ctx: InsuranceContext, { volunteerId }: VolunteerInsuranceModel, date: string | null | undefined): Promise<boolean> {
  const day = date ?? chinaToday();
  return (await ctx.loaders.enrolmentsOfVolunteer.load(volunteerId)).some((e) => covers(e, day));
}

/** The enrolment covering today (China time), if any. */
export async function activeEnrolment(ctx: InsuranceContext, { volunteerId }: VolunteerInsuranceModel): Promise<Enrolment | null> {
  const today = chinaToday();
  return (await ctx.loaders.enrolmentsOfVolunteer.load(volunteerId)).find((e) => covers(e, today)) ?? null;
}

/**
 * Participants of an activity not covered on every China date it spans (an activity may run past
 * midnight). The gateway hands over the activity's times and participants (@requires); the cover
 * of every participant of every activity in the response goes through one loader.
 */
export async function uninsuredParticipants(ctx: InsuranceContext, activity: ActivityRef): Promise<EntityRef[]> {
  requireParticipantsVisible(ctx.viewer);
  const { startsAt, endsAt, participantIds } = activity;
  if (startsAt == null || endsAt == null || participantIds == null) throw new Error('Activity.uninsuredParticipants needs startsAt, endsAt and participantIds (@requires)');
  const dates = chinaDatesBetween(new Date(startsAt), new Date(endsAt));
  const participants = [...new Set(participantIds)];
  const covered = await Promise.all(participants.map(async (volunteerId) => (await Promise.all(dates.map((date) => ctx.loaders.coveredOn.load({ volunteerId, date })))).every(Boolean)));
  return participants.filter((_, i) => !covered[i]).map((id) => ({ id }));
}
