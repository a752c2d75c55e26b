import type { VolunteerInsuranceResolvers } from '../generated/graphql';
import { activeEnrolment, coveredOn } from '../domain/cover-queries';

/** Every field reads the volunteer's enrolments through one loader (see domain/cover-queries). */
export const VolunteerInsurance: VolunteerInsuranceResolvers = {
  coveredOn: (i, { date }, ctx) => coveredOn(ctx, i, date),
  activeEnrolment: (i, _, ctx) => activeEnrolment(ctx, i),
  enrolments: (i, _, { loaders }) => loaders.enrolmentsOfVolunteer.load(i.volunteerId),
};
