import type { SignupResolvers } from '../generated/graphql';
import { effectiveSignupStatus } from '../domain/signup-status';

export const Signup: SignupResolvers = {
  activity: async (s, _, { loaders }) => (await loaders.activity.load(s.activityId))!,
  volunteer: (s) => ({ id: s.volunteerId }),
  status: async (s, _, { loaders }) => effectiveSignupStatus(s, (await loaders.activity.load(s.activityId))!),
};
