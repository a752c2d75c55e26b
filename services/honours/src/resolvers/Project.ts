import type { ProjectResolvers } from '../generated/graphql';
import { commendationsOf } from '../domain/commendation-queries';

export const Project: ProjectResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  commendations: (t, _, ctx) => commendationsOf(ctx, 'PROJECT', t.id),
};
