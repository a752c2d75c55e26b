import type { PartnershipServiceResolvers } from '../generated/graphql';

export const PartnershipService: PartnershipServiceResolvers = {
  volunteer: (s) => ({ id: s.volunteerId }),
  // Null until the record outbox has written it in the projects subgraph.
  serviceRecord: (s) => (s.serviceRecordId ? { id: s.serviceRecordId } : null),
};
