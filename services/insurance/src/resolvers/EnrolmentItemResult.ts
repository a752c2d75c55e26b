import type { EnrolmentItemResultResolvers } from '../generated/graphql';

export const EnrolmentItemResult: EnrolmentItemResultResolvers = {
  enrolment: (r, _, { loaders }) => (r.enrolmentId ? loaders.enrolment.load(r.enrolmentId) : null),
};
