import { DateScalar, DateTimeScalar, mergeResolvers } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { activityResolvers } from './activities';
import { projectResolvers } from './projects';
import { serviceRequestResolvers } from './serviceRequests';

/** Each area's resolvers, merged type by type (see mergeResolvers). */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  ...mergeResolvers(projectResolvers, activityResolvers, serviceRequestResolvers),
};
