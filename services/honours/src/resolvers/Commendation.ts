import type { CommendationResolvers } from '../generated/graphql';
import { commendationById } from '../domain/commendation-queries';

export const Commendation: CommendationResolvers = {
  __resolveReference: (ref, ctx) => commendationById(ctx, ref.id),
  // A stub of another subgraph's entity: Awardee.__resolveType names its type, the gateway fetches the rest.
  awardee: (c) => ({ kind: c.awardeeKind, id: c.awardeeId }),
};
