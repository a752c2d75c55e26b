import type { VolunteerResolvers } from '../generated/graphql';
import { loadExisting } from '../data/loaders';
import { seesPersonalData } from '../domain/access';
import { maskName } from '../domain/pii';

/** A volunteer whose row vanished within the request: the field is non-null, so all masked. */
const MASKED_ID_NUMBER = '*'.repeat(18);

export const Volunteer: VolunteerResolvers = {
  __resolveReference: (ref, { loaders }) => ('id' in ref && ref.id ? loaders.volunteer.load(ref.id) : loaders.volunteerByNo.load((ref as { volunteerNo: string }).volunteerNo)),
  name: (v, _, { viewer }) => (viewer.sub ? v.name : maskName(v.name)),
  birthDate: async (v, _, { viewer, loaders }) => (seesPersonalData(viewer, v) ? ((await loaders.personalData.load(v.id))?.birthDate ?? null) : null),
  region: async (v, _, { loaders }) => (await loaders.region.load(v.regionCode))!,
  // Full values only for viewers entitled to them; masks derived from the decrypted values for
  // everyone else (none is stored). One batch per request either way.
  phone: async (v, _, { viewer, loaders, audit }) =>
    seesPersonalData(viewer, v)
      ? (audit.revealed({ subjectType: 'VOLUNTEER', subjectId: v.id, field: 'PHONE' }, (await loaders.personalData.load(v.id))?.phone) ?? null)
      : ((await loaders.maskedPersonalData.load(v.id))?.phone ?? null),
  idNumber: async (v, _, { viewer, loaders, audit }) =>
    seesPersonalData(viewer, v)
      ? (audit.revealed({ subjectType: 'VOLUNTEER', subjectId: v.id, field: 'ID_NUMBER' }, (await loaders.personalData.load(v.id))?.idNumber) ?? MASKED_ID_NUMBER)
      : ((await loaders.maskedPersonalData.load(v.id))?.idNumber ?? MASKED_ID_NUMBER),
  teams: async (v, _, { loaders }) => {
    const memberships = await loaders.membershipsOfVolunteer.load(v.id);
    return loadExisting(
      loaders.team,
      memberships.map((m) => m.teamId),
    );
  },
  memberships: (v, _, { loaders }) => loaders.membershipsOfVolunteer.load(v.id),
};
