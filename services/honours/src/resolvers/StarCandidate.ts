import type { StarCandidateResolvers } from '../generated/graphql';

export const StarCandidate: StarCandidateResolvers = {
  volunteer: (c) => ({ id: c.volunteerId }),
};
