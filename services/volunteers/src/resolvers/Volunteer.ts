import type { VolunteerResolvers } from '../generated/graphql';
import { loadExisting } from '../data/loaders';
import { seesPersonalData } from '../domain/access';
import { maskName } from '../domain/pii';

export const Volunteer: VolunteerResolvers = {
  __resolveReference: (ref, { loaders }) => ('id' in ref && ref.id ? loaders.volunteer.load(ref.id) : loaders.volunteerByNo.load((ref as { volunteerNo: string }).volunteerNo)),
  name: (v, _, { viewer }) => (viewer.sub ? v.name : maskName(v.name)),
  birthDate: (v, _, { viewer }) => (seesPersonalData(viewer, v) ? v.birthDate : null),
  region: async (v, _, { loaders }) => (await loaders.region.load(v.regionCode))!,
  // Decrypted only for viewers entitled to the full values (one batch per request); masked otherwise.
  phone: async (v, _, { viewer, loaders }) => (seesPersonalData(viewer, v) ? ((await loaders.personalData.load(v.id))?.phone ?? null) : v.phoneMasked),
  idNumber: async (v, _, { viewer, loaders }) => (seesPersonalData(viewer, v) ? ((await loaders.personalData.load(v.id))?.idNumber ?? v.idNumberMasked) : v.idNumberMasked),
  teams: async (v, _, { loaders }) => {
    const memberships = await loaders.membershipsOfVolunteer.load(v.id);
    return loadExisting(
      loaders.team,
      memberships.map((m) => m.teamId),
    );
  },
  memberships: (v, _, { loaders }) => loaders.membershipsOfVolunteer.load(v.id),
};
