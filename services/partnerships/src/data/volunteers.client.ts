import type { SubgraphClient } from '@vg/graphql';

/** What this service needs to know of a volunteer, from the volunteers subgraph (which owns them). */
export interface VolunteerFacts {
  id: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN';
}

/** Anything that answers GraphQL like the volunteers subgraph (a SubgraphClient, or a test fake). */
export type VolunteersSource = Pick<SubgraphClient, 'request'>;

const VOLUNTEERS = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { id status } } }';

/**
 * The facts of each of `ids`, in key order, null for volunteers that do not exist: one
 * `_entities` call to the volunteers subgraph for the whole batch (none for no ids), duplicates
 * asked once. This service never reads the volunteers subgraph's tables.
 */
export async function volunteerFacts(source: VolunteersSource, ids: readonly string[], requestId?: string): Promise<(VolunteerFacts | null)[]> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return [];
  const data = await source.request<{ _entities: (VolunteerFacts | null)[] }>(VOLUNTEERS, { r: distinct.map((id) => ({ __typename: 'Volunteer', id })) }, requestId);
  const byId = new Map(distinct.map((id, i) => [id, data._entities[i] ?? null]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Which of `ids` are registered volunteers in ACTIVE status (one call, as volunteerFacts). */
export async function activeVolunteerIds(source: VolunteersSource, ids: readonly string[], requestId?: string): Promise<Set<string>> {
  const facts = await volunteerFacts(source, ids, requestId);
  return new Set(facts.filter((f): f is VolunteerFacts => f?.status === 'ACTIVE').map((f) => f.id));
}
