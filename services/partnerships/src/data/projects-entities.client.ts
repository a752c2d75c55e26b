import DataLoader from 'dataloader';
import { bigintIds } from '@vg/db';
import type { SubgraphClient } from '@vg/graphql';

/**
 * The projects subgraph's entities a grant pays for. (Volunteers are checked through
 * volunteers.client.ts, which also says their status.)
 */
export type ForeignType = 'ServiceRequest' | 'Project';

export type ExistenceChecks = Record<ForeignType, DataLoader<string, boolean>>;

/**
 * Does a service request or project exist (and may this service see it)? One `_entities` call per batch and type (as the
 * SERVICE role), false for unknown ids; malformed ids are never sent.
 */
export function createExistenceChecks(clients: { projects: Pick<SubgraphClient, 'request'> }, requestId?: string): ExistenceChecks {
  const loader = (typename: ForeignType) =>
    new DataLoader<string, boolean>(async (ids) => {
      const asked = bigintIds(ids);
      const found = new Set<string>();
      if (asked.length > 0) {
        const data = await clients.projects.request<{ _entities: ({ id: string } | null)[] }>(
          `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { id } } }`,
          { r: asked.map((id) => ({ __typename: typename, id })) },
          requestId,
        );
        for (const e of data._entities) if (e) found.add(e.id);
      }
      return ids.map((id) => found.has(id));
    });
  return { ServiceRequest: loader('ServiceRequest'), Project: loader('Project') };
}

// One set per request: the context object is the request, so the loaders batch and cache for
// exactly that request and are garbage with it.
const perRequest = new WeakMap<object, ExistenceChecks>();

/** The request's existence checks (made on first use). */
export function existenceOf(ctx: { clients: { projects: Pick<SubgraphClient, 'request'> }; requestId?: string }): ExistenceChecks {
  let checks = perRequest.get(ctx);
  if (!checks) {
    checks = createExistenceChecks(ctx.clients, ctx.requestId);
    perRequest.set(ctx, checks);
  }
  return checks;
}
