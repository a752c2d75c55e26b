import DataLoader from 'dataloader';
import { batchByKey, batchGroupsByKey, perParentLoader } from '@vg/graphql';
import { maskPersonalData, personalData, type MaskedPersonalData, type PersonalData, type Pii } from '../domain/pii';
import type { RegionDirectory } from './region.directory';
import type { Region } from './region.entity';
import type { Repositories } from './repositories';
import type { Station } from './station.entity';
import type { Team } from './team.entity';
import type { TeamMembership } from './team-membership.entity';
import type { Volunteer } from './volunteer.entity';

/**
 * One set per request (made in the context), so caches never outlive a request or leak between
 * viewers. Each loader issues one statement per batch whatever the number of keys, returns one
 * result per key in key order (null / [] where nothing matches), and de-duplicates keys.
 */
export interface Loaders {
  region: DataLoader<string, Region | null>;
  regionChildren: DataLoader<string, Region[]>;
  volunteer: DataLoader<string, Volunteer | null>;
  volunteerByNo: DataLoader<string, Volunteer | null>;
  team: DataLoader<string, Team | null>;
  teamChildren: DataLoader<string, Team[]>;
  membershipsOfVolunteer: DataLoader<string, TeamMembership[]>;
  teamLeader: DataLoader<string, TeamMembership | null>;
  teamMemberCount: DataLoader<string, number>;
  /** A team's first members: key { id: teamId, limit }. */
  firstTeamMembers: DataLoader<{ id: string; limit: number }, TeamMembership[], string>;
  station: DataLoader<string, Station | null>;
  /** Decrypted ID number, phone and birth date; use only for viewers entitled to them. */
  personalData: DataLoader<string, PersonalData | null>;
  /** Their masked forms, for everyone else (the same statement as personalData: one batch). */
  maskedPersonalData: DataLoader<string, MaskedPersonalData | null>;
}

/** The non-null results of `loader` for these keys, in key order (missing ones dropped). */
export async function loadExisting<K, V>(loader: DataLoader<K, V | null>, keys: K[]): Promise<V[]> {
  return (await loader.loadMany(keys)).filter((v): v is V => v != null && !(v instanceof Error));
}

export function createLoaders(repos: Repositories, regions: RegionDirectory, pii: Pii): Loaders {
  const full: Loaders['personalData'] = new DataLoader(async (ids) =>
    batchByKey(ids, await repos.volunteers.personalData(ids), (r) => r.id).map((r) => (r ? personalData(pii.reveal(r.idNumber), r.phone ? pii.reveal(r.phone) : null) : null)),
  );
  const volunteer: Loaders['volunteer'] = new DataLoader(async (ids) => {
    const rows = await repos.volunteers.byIds(ids);
    for (const row of rows) volunteerByNo.prime(row.volunteerNo, row);
    return batchByKey(ids, rows, (v) => v.id);
  });
  const volunteerByNo: Loaders['volunteerByNo'] = new DataLoader(async (nos) => {
    const rows = await repos.volunteers.byNos(nos);
    for (const row of rows) volunteer.prime(row.id, row);
    return batchByKey(nos, rows, (v) => v.volunteerNo);
  });
  return {
    region: new DataLoader(async (codes) => (await regions.get(codes)).map((r) => r ?? null)),
    regionChildren: new DataLoader((codes) => regions.children(codes)),
    volunteer,
    volunteerByNo,
    team: new DataLoader(async (ids) => batchByKey(ids, await repos.teams.byIds(ids), (t) => t.id)),
    teamChildren: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.teams.childrenOf(ids), (t) => t.parentId)),
    membershipsOfVolunteer: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.teams.membershipsOfVolunteers(ids), (m) => m.volunteerId)),
    teamLeader: new DataLoader(async (ids) => batchByKey(ids, await repos.teams.leadersOf(ids), (m) => m.teamId)),
    teamMemberCount: new DataLoader(async (ids) => {
      const counts = batchByKey(ids, await repos.teams.memberCounts(ids), (c) => c.teamId);
      return counts.map((c) => c?.count ?? 0);
    }),
    firstTeamMembers: perParentLoader(
      (ids, { limit }) => repos.teams.firstMembersOf(ids, limit),
      (m) => m.teamId,
    ),
    station: new DataLoader(async (ids) => batchByKey(ids, await repos.stations.byIds(ids), (s) => s.id)),
    personalData: full,
    // Masks come from the decrypted values (none is stored): full values stay inside this loader.
    maskedPersonalData: new DataLoader(async (ids) => (await full.loadMany(ids)).map((d) => (d instanceof Error ? d : d && maskPersonalData(d)))),
  };
}
