import { badUserInput, batchByKey, decodeCursor, forbidden, idArgument, pageSize, requireRole, toConnection } from '@vg/graphql';
import { regionPrefix as codePrefix } from '@vg/standards';
import type { QueryResolvers } from '../generated/graphql';
import { existingRegion } from '../domain/validate';
import type { RegionDirectory } from '../data/region.directory';

/** The prefix matching a region filter's code and everything below it (BAD_USER_INPUT when unknown). */
async function regionPrefix(regions: RegionDirectory, field: string, code: string | null | undefined): Promise<string | undefined> {
  if (code == null) return undefined;
  return codePrefix((await existingRegion(regions, field, code)).code);
}

/** A keyset position from an `after` cursor (an id). */
function afterId(after: string | null | undefined): string | undefined {
  return after == null ? undefined : idArgument('after', decodeCursor(after));
}

const MAX_WALKING_MINUTES = 120;
const MAX_IDENTITY_BATCH = 5000;
const METRES_PER_MINUTE = 80;

export const Query: QueryResolvers = {
  volunteer: (_, { id }, { loaders }) => loaders.volunteer.load(idArgument('id', id)),
  volunteerByNo: (_, { volunteerNo }, { loaders }) => loaders.volunteerByNo.load(volunteerNo.trim().toUpperCase()),
  volunteers: async (_, { filter, first, after }, { repos, regions, viewer }) => {
    // Names are masked for anonymous viewers: searching by name would unmask them.
    if (filter?.nameContains != null && !viewer.sub) throw forbidden('Sign in to search volunteers by name');
    const size = pageSize(first);
    const query = {
      regionPrefix: await regionPrefix(regions, 'filter.regionCode', filter?.regionCode),
      teamId: filter?.teamId == null ? undefined : idArgument('filter.teamId', filter.teamId),
      skill: filter?.skill ?? undefined,
      nameContains: filter?.nameContains ?? undefined,
    };
    const rows = await repos.volunteers.page(query, size + 1, afterId(after));
    return toConnection(rows, size, (v) => v.id, () => repos.volunteers.count(query));
  },

  team: (_, { id }, { loaders }) => loaders.team.load(idArgument('id', id)),
  teams: async (_, { filter, first, after }, { repos, regions }) => {
    const size = pageSize(first);
    const query = {
      level: filter?.level ?? undefined,
      regionPrefix: await regionPrefix(regions, 'filter.regionCode', filter?.regionCode),
      parentId: filter?.parentId == null ? undefined : idArgument('filter.parentId', filter.parentId),
      nameContains: filter?.nameContains ?? undefined,
    };
    const rows = await repos.teams.page(query, size + 1, afterId(after));
    return toConnection(rows, size, (t) => t.id, () => repos.teams.count(query));
  },

  volunteerIdentities: async (_, { volunteerNos }, { repos, viewer }) => {
    requireRole(viewer, 'check volunteer identities', 'SERVICE');
    if (volunteerNos.length > MAX_IDENTITY_BATCH) throw badUserInput('volunteerNos', `at most ${MAX_IDENTITY_BATCH} at once`);
    const normalised = volunteerNos.map((no) => no.trim().toUpperCase());
    const rows = await repos.volunteers.withIdNumberHash([...new Set(normalised)]);
    return batchByKey(normalised, rows, (v) => v.volunteerNo).map((v) => v && { volunteer: v, name: v.name, status: v.status, idNumberHash: v.idNumberHash });
  },

  region: (_, { code }, { loaders }) => loaders.region.load(code),
  regions: (_, { level, parentCode }, { regions }) => regions.list({ level, parentCode }),

  station: (_, { id }, { loaders }) => loaders.station.load(idArgument('id', id)),
  stations: async (_, { filter, first, after }, { repos, regions }) => {
    const size = pageSize(first);
    const query = {
      regionPrefix: await regionPrefix(regions, 'filter.regionCode', filter?.regionCode),
      kind: filter?.kind ?? undefined,
      operatingTeamId: filter?.operatingTeamId == null ? undefined : idArgument('filter.operatingTeamId', filter.operatingTeamId),
    };
    const rows = await repos.stations.page(query, size + 1, afterId(after));
    return toConnection(rows, size, (s) => s.id, () => repos.stations.count(query));
  },
  stationsNear: async (_, { lat, lng, walkingMinutes, kind, first }, { repos, loaders }) => {
    if (!(lat >= -90 && lat <= 90)) throw badUserInput('lat', 'must be between -90 and 90');
    if (!(lng >= -180 && lng <= 180)) throw badUserInput('lng', 'must be between -180 and 180');
    const minutes = walkingMinutes ?? 15;
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_WALKING_MINUTES) throw badUserInput('walkingMinutes', `must be between 1 and ${MAX_WALKING_MINUTES}`);
    const rows = await repos.stations.near(lat, lng, minutes * METRES_PER_MINUTE, pageSize(first), kind ?? undefined);
    return rows.map(({ station, distanceMeters }) => {
      loaders.station.prime(station.id, station);
      return { station, distanceMeters: Math.round(distanceMeters), walkingMinutes: Math.max(1, Math.ceil(distanceMeters / METRES_PER_MINUTE)) };
    });
  },
};
