import type { StationResolvers } from '../generated/graphql';
import { commendationsOf } from '../domain/commendation-queries';

export const Station: StationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  commendations: (t, _, ctx) => commendationsOf(ctx, 'STATION', t.id),
};
