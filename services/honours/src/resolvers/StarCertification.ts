import type { StarCertificationResolvers } from '../generated/graphql';

export const StarCertification: StarCertificationResolvers = {
  volunteer: (c) => ({ id: c.volunteerId }),
  status: (c) => (c.revokedAt ? 'REVOKED' : 'VALID'),
};
