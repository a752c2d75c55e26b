import type { AwardeeResolvers } from '../generated/graphql';

const TYPENAMES = { VOLUNTEER: 'Volunteer', TEAM: 'Team', PROJECT: 'Project', STATION: 'Station' } as const;

/** A union of entity stubs ({ kind, id }): the typename picks the subgraph that resolves the rest by id. */
export const Awardee: AwardeeResolvers = {
  __resolveType: (ref) => TYPENAMES[ref.kind],
};
