import { DateScalar, DateTimeScalar, mergeResolvers } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { activityResolvers } from './activities';
import { enrolmentResolvers } from './enrolments';
import { planResolvers } from './plans';
import { volunteerResolvers } from './volunteers';

/** Each area's resolvers, merged type by type (see mergeResolvers). */
export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  ...mergeResolvers(planResolvers, enrolmentResolvers, volunteerResolvers, activityResolvers),
};
