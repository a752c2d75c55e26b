import { type DemoMembership, generateMemberships, MAX_TEAMS_PER_VOLUNTEER } from './memberships';
import { regionRows, type RegionRow } from './regions';
import { type DemoStation, generateStations } from './stations';
import { type DemoTeam, generateTeams } from './teams';
import { type DemoVolunteer, generateVolunteers } from './volunteers';

export interface DemoDataOptions {
  /** Same seed, same options ⇒ identical rows. */
  seed: number;
  volunteers: number;
  teams: number;
  stations: number;
}

export const DEFAULT_DEMO_DATA_OPTIONS: Readonly<DemoDataOptions> = { seed: 20240101, volunteers: 2000, teams: 60, stations: 40 };

/** Plain rows for the volunteers database, cross-referenced by index (no ids, no database). */
export interface DemoData {
  /** Parents before children. */
  regions: RegionRow[];
  volunteers: DemoVolunteer[];
  /** Parents before children (`parent` < own index). */
  teams: DemoTeam[];
  /** Grouped by team, leader first. */
  memberships: DemoMembership[];
  stations: DemoStation[];
}

/**
 * Demo data for the whole volunteers subgraph: Zibo's region tree, volunteers with valid and
 * unique ID and phone numbers, a four-level team tree with members, and service stations. A pure
 * function of the options: the same options give rows that are equal field by field. Each part
 * draws from its own stream, so e.g. changing the number of stations leaves volunteers unchanged.
 * Scales to the city's size (980,000 volunteers in a few seconds). Throws a RangeError for
 * counts that are not non-negative integers, or for more teams than volunteers can lead.
 */
export function generateDemoData(options: Partial<DemoDataOptions> = {}): DemoData {
  const { seed, ...counts } = { ...DEFAULT_DEMO_DATA_OPTIONS, ...options };
  // Every team needs a leader and nobody leads more than three teams: with few volunteers the
  // default shrinks (`{ volunteers: 0 }` seeds regions and stations only); an explicit count throws.
  if (options.teams === undefined) counts.teams = Math.min(counts.teams, counts.volunteers * MAX_TEAMS_PER_VOLUNTEER);
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  const regions = regionRows();
  const volunteers = generateVolunteers(seed, counts.volunteers, regions);
  const teams = generateTeams(seed, counts.teams, regions);
  const memberships = generateMemberships(seed, teams, volunteers);
  const stations = generateStations(seed, counts.stations, regions, teams);
  return { regions, volunteers, teams, memberships, stations };
}
