import { beijingTimestamp, dayNumber } from './dates';
import { Random } from '@vg/random';
import type { DemoTeam } from './teams';
import type { DemoVolunteer } from './volunteers';

export type MembershipRole = 'LEADER' | 'DEPUTY_LEADER' | 'MEMBER';

/** One volunteer in one team; `team` and `volunteer` are indexes into the generated lists. */
export interface DemoMembership {
  team: number;
  volunteer: number;
  role: MembershipRole;
  /** ISO timestamp with +08:00, not before the volunteer registered, not after 2024. */
  joinedAt: string;
}

/** A volunteer belongs to at most this many teams. */
export const MAX_TEAMS_PER_VOLUNTEER = 3;
const LAST_JOIN = dayNumber('2024-12-31');

/**
 * Members for every team: exactly one LEADER, a DEPUTY_LEADER for about 60% of teams, and 10–60
 * MEMBERs, drawn from volunteers living in the team's county (the whole city for the city team),
 * topped up from anywhere when the county runs short. Nobody is in a team twice or in more than
 * three teams; with too few volunteers, teams get fewer members but always their leader.
 * Throws a RangeError when not even every team can have a leader.
 */
export function generateMemberships(seed: number, teams: readonly DemoTeam[], volunteers: readonly DemoVolunteer[]): DemoMembership[] {
  if (teams.length > volunteers.length * MAX_TEAMS_PER_VOLUNTEER) {
    throw new RangeError(`${teams.length} teams need leaders, but ${volunteers.length} volunteers can lead at most ${volunteers.length * MAX_TEAMS_PER_VOLUNTEER}`);
  }
  const random = Random.derive(seed, 'memberships');
  const picker = new MemberPicker(random, volunteers);
  const members = teams.map(() => new Set<number>());
  const rows = teams.map((): DemoMembership[] => []);
  const join = (team: number, volunteer: number, role: MembershipRole): void => {
    members[team].add(volunteer);
    picker.joined(volunteer);
    rows[team].push({ team, volunteer, role, joinedAt: joinedAt(random, volunteers[volunteer]) });
  };

  // Leaders first, for all teams, so the three-team limit can never leave a team without one.
  teams.forEach((team, t) => {
    const leader = picker.pick(team, members[t]) ?? picker.anyAvailable(members[t]);
    if (leader === undefined) throw new RangeError('no volunteer left to lead a team');
    join(t, leader, 'LEADER');
  });
  teams.forEach((team, t) => {
    const roles: MembershipRole[] = random.chance(0.6) ? ['DEPUTY_LEADER'] : [];
    for (let n = random.int(10, 60); n > 0; n -= 1) roles.push('MEMBER');
    for (const role of roles) {
      const volunteer = picker.pick(team, members[t]);
      if (volunteer === undefined) break;
      join(t, volunteer, role);
    }
  });
  return rows.flat(); // by team, leader first
}

/** Draws volunteers who still have room for another team, preferring the team's county. */
class MemberPicker {
  private readonly teamCounts: Uint8Array;
  private readonly byCounty = new Map<string, number[]>();
  private readonly everyone: number[];

  constructor(
    private readonly random: Random,
    volunteers: readonly DemoVolunteer[],
  ) {
    this.teamCounts = new Uint8Array(volunteers.length);
    this.everyone = volunteers.map((_, i) => i);
    volunteers.forEach((v, i) => {
      const county = v.regionCode.slice(0, 6);
      const list = this.byCounty.get(county);
      if (list) list.push(i);
      else this.byCounty.set(county, [i]);
    });
  }

  /** Someone not in `members` with room left, by random draws (bounded); undefined if none found. */
  pick(team: DemoTeam, members: ReadonlySet<number>): number | undefined {
    const local = team.level === 'CITY' ? this.everyone : (this.byCounty.get(team.regionCode.slice(0, 6)) ?? []);
    for (const pool of [local, this.everyone]) {
      for (let attempt = 0; attempt < 50 && pool.length > 0; attempt += 1) {
        const candidate = this.random.pick(pool);
        if (this.teamCounts[candidate] < MAX_TEAMS_PER_VOLUNTEER && !members.has(candidate)) return candidate;
      }
    }
    return undefined;
  }

  /** The first volunteer with room left who is not in `members`: the exhaustive fallback. */
  anyAvailable(members: ReadonlySet<number>): number | undefined {
    return this.everyone.find((i) => this.teamCounts[i] < MAX_TEAMS_PER_VOLUNTEER && !members.has(i));
  }

  joined(volunteer: number): void {
    this.teamCounts[volunteer] += 1;
  }
}

function joinedAt(random: Random, volunteer: DemoVolunteer): string {
  const registered = dayNumber(volunteer.registeredAt.slice(0, 10));
  return beijingTimestamp(random.int(registered, LAST_JOIN), random.int(8 * 60, 20 * 60 + 59));
}
