import type { CoverageResolvers } from '../generated/graphql';

export const Coverage: CoverageResolvers = {
  covered: (c) => c.enrolments.length > 0,
};
