import DataLoader from 'dataloader';
import { bigintIds } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';
import type { AwardeeKind } from './commendation.entity';

/** What honours needs of another subgraph's entity: that it exists, and its region. */
export interface EntityFacts {
  id: string;
  regionCode: string;
  /** Volunteers only: the public number (copied onto certificates). */
  volunteerNo?: string;
}

/**
 * Per-request look-ups of the entities other subgraphs own (honours never reads their tables):
 * one `_entities` call per batch and type, null for unknown ids (malformed ones are never sent).
 */
export type EntitiesDirectory = Record<AwardeeKind, DataLoader<string, EntityFacts | null>>;

export interface EntityClients {
  volunteers: SubgraphClient;
  projects: SubgraphClient;
}

type Raw = { id: string; volunteerNo?: string; regionCode?: string; region?: { code: string } } | null;

const TYPES: Record<AwardeeKind, { typename: string; subgraph: keyof EntityClients; fields: string }> = {
  VOLUNTEER: { typename: 'Volunteer', subgraph: 'volunteers', fields: 'id volunteerNo region { code }' },
  TEAM: { typename: 'Team', subgraph: 'volunteers', fields: 'id region { code }' },
  STATION: { typename: 'Station', subgraph: 'volunteers', fields: 'id region { code }' },
  PROJECT: { typename: 'Project', subgraph: 'projects', fields: 'id regionCode' },
};

export function createEntitiesDirectory(clients: EntityClients, requestId?: string): EntitiesDirectory {
  const loader = (kind: AwardeeKind) => {
    const { typename, subgraph, fields } = TYPES[kind];
    return new DataLoader<string, EntityFacts | null>(async (ids) => {
      const asked = bigintIds(ids);
      const found = new Map<string, EntityFacts>();
      if (asked.length > 0) {
        const data = await clients[subgraph].request<{ _entities: Raw[] }>(
          `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${fields} } } }`,
          { r: asked.map((id) => ({ __typename: typename, id })) },
          requestId,
        );
        for (const e of data._entities) {
          if (e) found.set(e.id, { id: e.id, regionCode: e.region?.code ?? e.regionCode ?? '', ...(e.volunteerNo ? { volunteerNo: e.volunteerNo } : {}) });
        }
      }
      return ids.map((id) => found.get(id) ?? null);
    });
  };
  return { VOLUNTEER: loader('VOLUNTEER'), TEAM: loader('TEAM'), STATION: loader('STATION'), PROJECT: loader('PROJECT') };
}

// One directory per request: the context object is the request, so its loaders batch and cache
// for exactly that request and are garbage with it.
const perRequest = new WeakMap<object, EntitiesDirectory>();

/** The request's directory (made on first use). */
export function entitiesOf(ctx: { clients: EntityClients; requestId?: string }): EntitiesDirectory {
  let directory = perRequest.get(ctx);
  if (!directory) {
    directory = createEntitiesDirectory(ctx.clients, ctx.requestId);
    perRequest.set(ctx, directory);
  }
  return directory;
}
