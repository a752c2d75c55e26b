import type { TeamFact, VolunteersFacts, VolunteersSource } from './facts';

const COUNTIES: readonly [code: string, name: string][] = [
  ['370302', '淄川区'],
  ['370303', '张店区'],
  ['370304', '博山区'],
  ['370305', '临淄区'],
  ['370306', '周村区'],
  ['370321', '桓台县'],
  ['370322', '高青县'],
  ['370323', '沂源县'],
];
const BRAND_TEAMS: readonly [name: string, town: string][] = [
  ['城市星光志愿服务队', '370303001'],
  ['齐有爱志愿服务队', '370305001'],
  ['焦桐花开志愿服务队', '370304001'],
  ['沂源红志愿服务队', '370323001'],
];

/**
 * Volunteers-subgraph facts for tests (no volunteers service needed): the city federation, the
 * eight county federations, the brand teams and town teams; stations in towns and villages; and
 * volunteers each in one or two teams, every team led by its first member. Ids are 1, 2, 3, …
 */
export function fakeVolunteersFacts(sizes: { teams?: number; stations?: number; volunteers?: number } = {}): VolunteersFacts {
  const { teams: teamCount = 20, stations: stationCount = 30, volunteers: volunteerCount = 300 } = sizes;
  const teams: TeamFact[] = [{ id: '1', name: '淄博市志愿服务联合会', level: 'CITY', regionCode: '370300', leader: null }];
  for (const [code, name] of COUNTIES) teams.push({ id: String(teams.length + 1), name: `${name}志愿服务联合会`, level: 'COUNTY', regionCode: code, leader: null });
  for (const [name, town] of BRAND_TEAMS) teams.push({ id: String(teams.length + 1), name, level: 'TOWN', regionCode: town, leader: null });
  for (let i = 0; teams.length < teamCount; i += 1) {
    const [code, county] = COUNTIES[i % COUNTIES.length];
    teams.push({ id: String(teams.length + 1), name: `${county}第${i + 1}街道青年志愿服务队`, level: 'TOWN', regionCode: `${code}00${(i % 9) + 1}`, leader: null });
  }
  teams.length = Math.min(teams.length, teamCount);

  const stations = Array.from({ length: stationCount }, (_, i) => {
    const [code, county] = COUNTIES[i % COUNTIES.length];
    const town = `${code}00${(i % 3) + 1}`;
    const village = i % 2 === 0 ? town : `${town}00${(i % 5) + 1}`;
    return { id: String(i + 1), name: `${county}测试${i + 1}号志愿服务站`, address: `淄博市${county}测试${(i % 3) + 1}街道测试${i + 1}号社区党群服务中心`, regionCode: village };
  });

  const volunteers = Array.from({ length: volunteerCount }, (_, i) => {
    const [code] = COUNTIES[(i * 7) % COUNTIES.length];
    const teamIds = teams.length === 0 ? [] : [teams[i % teams.length].id, ...(i % 4 === 0 ? [teams[(i * 3 + 1) % teams.length].id] : [])];
    return { id: String(i + 1), status: i % 50 === 49 ? ('SUSPENDED' as const) : ('ACTIVE' as const), regionCode: `${code}00${(i % 3) + 1}001`, teamIds: [...new Set(teamIds)] };
  });
  teams.forEach((team, t) => {
    if (t < volunteerCount) team.leader = { id: volunteers[t].id, name: `队长${t + 1}` };
  });
  return { teams, stations, volunteers };
}

/**
 * Answers the three paged queries the seed asks (`teams`, `stations`, `volunteers`) from `facts`,
 * like the volunteers subgraph would. `calls` counts requests; the first `emptyTimes` calls find
 * nothing yet and the first `failTimes` fail, as while the volunteers service seeds or starts.
 */
export class FakeVolunteersSource implements VolunteersSource {
  calls = 0;

  constructor(
    private readonly facts: VolunteersFacts,
    private readonly behaviour: { emptyTimes?: number; failTimes?: number } = {},
  ) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    this.calls += 1;
    if (this.calls <= (this.behaviour.failTimes ?? 0)) throw new Error('connect ECONNREFUSED');
    const empty = this.calls <= (this.behaviour.emptyTimes ?? 0);
    const field = /\{\s*(teams|stations|volunteers)\(/.exec(query)?.[1];
    if (!field) throw new Error(`unexpected query ${query}`);
    const nodes: unknown[] = empty
      ? []
      : field === 'teams'
        ? this.facts.teams.map((t) => ({ id: t.id, name: t.name, level: t.level, region: { code: t.regionCode }, leader: t.leader }))
        : field === 'stations'
          ? this.facts.stations.map((s) => ({ id: s.id, name: s.name, address: s.address, region: { code: s.regionCode } }))
          : this.facts.volunteers.map((v) => ({ id: v.id, status: v.status, region: { code: v.regionCode }, teams: v.teamIds.map((id) => ({ id })) }));
    const from = variables.after == null ? 0 : Number(variables.after);
    const page = nodes.slice(from, from + 100);
    const hasNextPage = from + 100 < nodes.length;
    return { [field]: { pageInfo: { hasNextPage, endCursor: hasNextPage ? String(from + 100) : null }, edges: page.map((node) => ({ node })) } } as T;
  }
}
