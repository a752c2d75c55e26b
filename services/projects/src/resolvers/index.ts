import { DateScalar, DateTimeScalar } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { activityResolvers } from './activities';
import { projectResolvers } from './projects';
import { serviceRequestResolvers } from './serviceRequests';

/** Each area's resolvers (projects, activities and records, service requests), merged. */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  ...projectResolvers,
  ...activityResolvers,
  ...serviceRequestResolvers,
  Query: { ...projectResolvers.Query, ...activityResolvers.Query, ...serviceRequestResolvers.Query },
  Mutation: { ...projectResolvers.Mutation, ...activityResolvers.Mutation, ...serviceRequestResolvers.Mutation },
};
