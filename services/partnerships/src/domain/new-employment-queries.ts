import { hasRole } from '@vg/graphql';
import type { PartnershipsContext } from '../context';
import type { NewEmploymentVolunteer } from '../data/new-employment-volunteer.entity';

/**
 * A volunteer's new-employment profile, for the volunteer themself, CENTRE_DISPATCHER, ADMIN and
 * DATA_STAFF; null for everyone else. Null rather than FORBIDDEN: the field sits on every
 * Volunteer, and a public list of volunteers must not fail because one of them is a rider — nor
 * say which ones are.
 */
export async function newEmploymentProfileOf(ctx: PartnershipsContext, volunteerId: string): Promise<NewEmploymentVolunteer | null> {
  const { viewer } = ctx;
  const self = viewer.volunteerId != null && viewer.volunteerId === volunteerId;
  if (!self && !hasRole(viewer, 'CENTRE_DISPATCHER', 'ADMIN', 'DATA_STAFF')) return null;
  return ctx.loaders.newEmploymentProfile.load(volunteerId);
}

/** How many 随手拍 reports the volunteer filed (whoever may see the profile may see this). */
export function snapshotReportCount(ctx: PartnershipsContext, profile: NewEmploymentVolunteer): Promise<number> {
  return ctx.loaders.snapshotReportCount.load(profile.volunteerId);
}
