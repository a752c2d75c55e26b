import type { SubgraphClient } from '@vg/graphql';
import type { Logger } from '@vg/logger';

/** What the demo data refers to in the volunteers subgraph (this service never reads its tables). */
export interface VolunteersFacts {
  teams: TeamFact[];
  stations: StationFact[];
  volunteers: VolunteerFact[];
}

export interface TeamFact {
  id: string;
  name: string;
  level: 'CITY' | 'COUNTY' | 'TOWN' | 'VILLAGE';
  regionCode: string;
  leader: { id: string; name: string } | null;
}

export interface StationFact {
  id: string;
  name: string;
  address: string;
  regionCode: string;
}

export interface VolunteerFact {
  id: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN';
  regionCode: string;
  teamIds: string[];
}

/** Anything that answers GraphQL like the volunteers subgraph (a SubgraphClient, or a test fake). */
export type VolunteersSource = Pick<SubgraphClient, 'request'>;

export interface LearnOptions {
  logger: Logger;
  /** How long to keep asking while the subgraph fails or has nothing yet. */
  waitMs?: number;
  retryDelayMs?: number;
}

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: T }[];
}

const PAGE = 'first: 100, after: $after';
const TEAMS = `query SeedTeams($after: String) { teams(${PAGE}) { pageInfo { hasNextPage endCursor } edges { node { id name level region { code } leader { id name } } } } }`;
const STATIONS = `query SeedStations($after: String) { stations(${PAGE}) { pageInfo { hasNextPage endCursor } edges { node { id name address region { code } } } } }`;
const VOLUNTEERS = `query SeedVolunteers($after: String) { volunteers(${PAGE}) { pageInfo { hasNextPage endCursor } edges { node { id status region { code } teams { id } } } } }`;

/**
 * Asks the volunteers subgraph for every team, station and volunteer (pages of 100). It may still
 * be starting or seeding — in `pnpm start` both services come up together — so while a call fails
 * or there are no teams or stations yet, it asks again every `retryDelayMs` for up to `waitMs`.
 * Then: null when the subgraph answered but had nothing (there is nothing for demo data to refer
 * to), or the last failure thrown.
 */
export async function learnVolunteersFacts(source: VolunteersSource, options: LearnOptions): Promise<VolunteersFacts | null> {
  const { logger, waitMs = 60_000, retryDelayMs = 2_000 } = options;
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt += 1) {
    let failure: unknown = null;
    try {
      const facts = await readAll(source);
      if (facts.teams.length > 0 && facts.stations.length > 0 && facts.volunteers.length > 0) return facts;
      logger.info({ attempt, teams: facts.teams.length, stations: facts.stations.length }, 'seed: the volunteers subgraph has no teams or stations yet');
    } catch (error) {
      failure = error;
      logger.info({ attempt, err: (error as Error).message }, 'seed: the volunteers subgraph did not answer yet');
    }
    if (Date.now() + retryDelayMs > deadline) {
      if (failure) throw new Error(`seed: the volunteers subgraph did not answer within ${waitMs} ms: ${(failure as Error).message}`);
      return null;
    }
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
  }
}

async function readAll(source: VolunteersSource): Promise<VolunteersFacts> {
  // Stations and teams first: cheap, and empty while the volunteers service is still seeding.
  const [teams, stations] = await Promise.all([
    pages<{ id: string; name: string; level: TeamFact['level']; region: { code: string }; leader: { id: string; name: string } | null }>(source, TEAMS, 'teams'),
    pages<{ id: string; name: string; address: string; region: { code: string } }>(source, STATIONS, 'stations'),
  ]);
  if (teams.length === 0 || stations.length === 0) return { teams: [], stations: [], volunteers: [] };
  const volunteers = await pages<{ id: string; status: VolunteerFact['status']; region: { code: string }; teams: { id: string }[] }>(source, VOLUNTEERS, 'volunteers');
  return {
    teams: teams.map((t) => ({ id: t.id, name: t.name, level: t.level, regionCode: t.region.code, leader: t.leader })),
    stations: stations.map((s) => ({ id: s.id, name: s.name, address: s.address, regionCode: s.region.code })),
    volunteers: volunteers.map((v) => ({ id: v.id, status: v.status, regionCode: v.region.code, teamIds: v.teams.map((t) => t.id) })),
  };
}

/** Every node of a paged root field, following `endCursor`. */
async function pages<T>(source: VolunteersSource, query: string, field: string): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, Page<T>> = await source.request(query, { after });
    const page = data[field];
    for (const edge of page.edges) nodes.push(edge.node);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return nodes;
    after = page.pageInfo.endCursor;
  }
}
