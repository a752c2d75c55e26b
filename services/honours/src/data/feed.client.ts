import { encodeCursor, type SubgraphClient } from '@vg/graphql';
import { SERVICE_REQUEST_THEME } from '../domain/points-rules';

/** One change of the projects service-record feed, flattened to what crediting needs. */
export interface FeedChange {
  sequence: string;
  kind: 'CREATED' | 'CORRECTED';
  recordId: string;
  volunteerId: string;
  /** Hours after the change. */
  hours: number;
  hoursDelta: number;
  at: string;
  serviceDate: string;
  /** The activity's theme; SERVICE_REQUEST for a record of a service request. */
  theme: string;
}

export interface FeedPage {
  changes: FeedChange[];
  hasMore: boolean;
  latestSequence: string;
  latestAt: string | null;
}

interface RawPage {
  serviceRecordChanges: {
    changes: {
      sequence: string;
      kind: FeedChange['kind'];
      volunteerId: string;
      hours: number;
      hoursDelta: number;
      at: string;
      record: { id: string; serviceDate: string; activity: { theme: string } | null };
    }[];
    hasMore: boolean;
    latestSequence: string;
    latestAt: string | null;
  };
}

const FEED_PAGE = `query ServiceRecordFeed($after: String, $first: Int) {
  serviceRecordChanges(after: $after, first: $first) {
    changes { sequence kind volunteerId hours hoursDelta at record { id serviceDate activity { theme } } }
    cursor hasMore latestSequence latestAt
  }
}`;

/** Reads the projects subgraph's service-record feed (internal; called directly as SERVICE). */
export async function fetchFeedPage(projects: SubgraphClient, afterSequence: string, first: number): Promise<FeedPage> {
  const data = await projects.request<RawPage>(FEED_PAGE, { after: afterSequence === '0' ? null : encodeCursor(afterSequence), first });
  const page = data.serviceRecordChanges;
  return {
    changes: page.changes.map((c) => ({
      sequence: c.sequence,
      kind: c.kind,
      recordId: c.record.id,
      volunteerId: c.volunteerId,
      hours: c.hours,
      hoursDelta: c.hoursDelta,
      at: c.at,
      serviceDate: c.record.serviceDate,
      theme: c.record.activity?.theme ?? SERVICE_REQUEST_THEME,
    })),
    hasMore: page.hasMore,
    latestSequence: page.latestSequence,
    latestAt: page.latestAt,
  };
}

/**
 * The region codes of these volunteers, from the volunteers subgraph: one `_entities` call for
 * all of them; null for a volunteer it does not know.
 */
export async function fetchVolunteerRegions(volunteers: SubgraphClient, ids: readonly string[]): Promise<Map<string, string | null>> {
  const regions = new Map<string, string | null>();
  if (!ids.length) return regions;
  const data = await volunteers.request<{ _entities: ({ id: string; region: { code: string } | null } | null)[] }>(
    `query VolunteerRegions($r: [_Any!]!) { _entities(representations: $r) { ... on Volunteer { id region { code } } } }`,
    { r: ids.map((id) => ({ __typename: 'Volunteer', id })) },
  );
  ids.forEach((id, i) => regions.set(id, data._entities[i]?.region?.code ?? null));
  return regions;
}
