import { DateScalar, DateTimeScalar } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { activityResolvers } from './activities';
import { enrolmentResolvers } from './enrolments';
import { planResolvers } from './plans';
import { volunteerResolvers } from './volunteers';

/**
 * Each area's resolvers (plans, enrolments, Volunteer.insurance, Activity.uninsuredParticipants),
 * merged type by type; two areas resolving the same field is a mistake, caught at start-up.
 */
function mergeResolvers(...areas: Resolvers[]): Resolvers {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const area of areas) {
    for (const [type, fields] of Object.entries(area)) {
      const target = (merged[type] ??= {});
      for (const [field, resolver] of Object.entries(fields as Record<string, unknown>)) {
        if (field in target) throw new Error(`${type}.${field} is resolved by two areas`);
        target[field] = resolver;
      }
    }
  }
  return merged as Resolvers;
}

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  ...mergeResolvers(planResolvers, enrolmentResolvers, volunteerResolvers, activityResolvers),
};
