import type { VolunteerResolvers } from '../generated/graphql';
import { signupsOfVolunteer } from '../domain/activity-queries';
import { recordsOfVolunteer, recordsOfVolunteerOn } from '../domain/service-record-queries';

/** A volunteer (owned by the volunteers subgraph) with their service here. */
export const Volunteer: VolunteerResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  serviceHours: (v, _, { loaders }) => loaders.serviceHours.load(v.id),
  serviceRecords: (v, args, ctx) => recordsOfVolunteer(ctx, v.id, args),
  serviceRecordsOn: (v, { date }, ctx) => recordsOfVolunteerOn(ctx, v.id, date),
  signups: (v, { status }, ctx) => signupsOfVolunteer(ctx, v.id, status),
};
