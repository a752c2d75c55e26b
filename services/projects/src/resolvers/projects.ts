import type { Resolvers } from '../generated/graphql';

export const projectResolvers: Resolvers = {
  Query: {},
  Mutation: {},
};
