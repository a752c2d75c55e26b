import type { Resolvers } from '../generated/graphql';

export const activityResolvers: Resolvers = {
  Query: {},
  Mutation: {},
};
