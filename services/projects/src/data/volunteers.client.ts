import DataLoader from 'dataloader';
import type { SubgraphClient } from '@vg/graphql';
import type { TeamRole } from '@vg/standards';

/** What this service needs to know of a volunteer, from the volunteers subgraph. */
export interface VolunteerFacts {
  id: string;
  name: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN';
  memberships: { teamId: string; role: TeamRole }[];
}

export interface StationFacts {
  id: string;
  name: string;
  address: string;
  regionCode: string;
}

export interface TeamFacts {
  id: string;
  name: string;
  regionCode: string;
}

/**
 * Per-request look-ups of entities the volunteers subgraph owns (this service never reads its
 * tables): one `_entities` call per batch of keys and entity type, null for unknown ids.
 */
export interface VolunteersDirectory {
  volunteer: DataLoader<string, VolunteerFacts | null>;
  station: DataLoader<string, StationFacts | null>;
  team: DataLoader<string, TeamFacts | null>;
}

const QUERIES = {
  Volunteer: '... on Volunteer { id name status memberships { role team { id } } }',
  Station: '... on Station { id name address region { code } }',
  Team: '... on Team { id name region { code } }',
};

export function createVolunteersDirectory(client: SubgraphClient, requestId?: string): VolunteersDirectory {
  const entities = <T>(typename: keyof typeof QUERIES) =>
    new DataLoader<string, T | null>(async (ids) => {
      const data = await client.request<{ _entities: (Record<string, unknown> | null)[] }>(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ${QUERIES[typename]} } }`,
        { r: ids.map((id) => ({ __typename: typename, id })) },
        requestId,
      );
      return data._entities as (T | null)[];
    });
  const volunteer = entities<{ id: string; name: string; status: VolunteerFacts['status']; memberships: { role: VolunteerFacts['memberships'][number]['role']; team: { id: string } }[] }>('Volunteer');
  const station = entities<{ id: string; name: string; address: string; region: { code: string } }>('Station');
  const team = entities<{ id: string; name: string; region: { code: string } }>('Team');
  const mapped = <A, B>(loader: DataLoader<string, A | null>, map: (a: A) => B) =>
    new DataLoader<string, B | null>(async (ids) => (await loader.loadMany(ids)).map((a) => (a instanceof Error ? a : a ? map(a) : null)));
  return {
    volunteer: mapped(volunteer, (v) => ({ id: v.id, name: v.name, status: v.status, memberships: v.memberships.map((m) => ({ teamId: m.team.id, role: m.role })) })),
    station: mapped(station, (s) => ({ id: s.id, name: s.name, address: s.address, regionCode: s.region.code })),
    team: mapped(team, (t) => ({ id: t.id, name: t.name, regionCode: t.region.code })),
  };
}
