import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A subgraph as composition and code generation see it. */
export interface SubgraphSource {
  name: string;
  /** Default URL written into the supergraph; the gateway may override it per deployment. */
  url: string;
  /** The service's folder (holds schema.graphql). */
  dir: string;
  typeDefs: string;
}

export const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * The subgraph registry: every subgraph, in composition order, with its default port on
 * 127.0.0.1. Composition, code generation, the gateway, `pnpm start`, the testkit and the bench
 * all read this list; `pnpm new-subgraph NAME` adds a line.
 */
export const SUBGRAPHS = [
  { name: 'volunteers', port: 4001 },
  { name: 'projects', port: 4002 },
  { name: 'insurance', port: 4003 },
  { name: 'honours', port: 4004 },
  { name: 'partnerships', port: 4005 },
] as const satisfies readonly { name: string; port: number }[];

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** The folder of a subgraph's service. */
export function serviceDir(name: string): string {
  return join(REPO_ROOT, 'services', name);
}

export function loadSubgraphs(): SubgraphSource[] {
  return SUBGRAPHS.map(({ name, port }) => {
    const dir = serviceDir(name);
    return { name, url: `http://127.0.0.1:${port}/graphql`, dir, typeDefs: readFileSync(join(dir, 'schema.graphql'), 'utf8') };
  });
}
