import type { Resolvers } from '../generated/graphql';

export const serviceRequestResolvers: Resolvers = {
  Query: {},
  Mutation: {},
};
