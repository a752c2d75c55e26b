import type { TeamResolvers } from '../generated/graphql';
import { commendationsOf } from '../domain/commendation-queries';

export const Team: TeamResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  commendations: (t, _, ctx) => commendationsOf(ctx, 'TEAM', t.id),
};
