import type { Resolvers } from '../generated/graphql';
import { requireInsuranceVisible } from '../domain/access';
import { chinaToday } from '../domain/dates';
import { covers } from '../domain/enrolmentStatus';

/**
 * Volunteer.insurance. Every field reads the volunteer's enrolments through one loader, so a
 * list of volunteers costs one statement, whatever dates are asked.
 */
export const volunteerResolvers: Resolvers = {
  Volunteer: {
    __resolveReference: (ref) => ({ id: ref.id }),
    insurance: (v, _, { viewer }) => {
      requireInsuranceVisible(viewer, v.id);
      return { volunteerId: v.id };
    },
  },

  VolunteerInsurance: {
    coveredOn: async (i, { date }, { loaders }) => {
      const day = date ?? chinaToday();
      return (await loaders.enrolmentsOfVolunteer.load(i.volunteerId)).some((e) => covers(e, day));
    },
    activeEnrolment: async (i, _, { loaders }) => {
      const today = chinaToday();
      return (await loaders.enrolmentsOfVolunteer.load(i.volunteerId)).find((e) => covers(e, today)) ?? null;
    },
    enrolments: (i, _, { loaders }) => loaders.enrolmentsOfVolunteer.load(i.volunteerId),
  },
};
