import { seedRegions } from '@vg/volunteers';
import { builders, dataOf, type World } from './builders';
import {
  AddTeamMemberWithCountDocument,
  CreateStationInRegionDocument,
  CreateTeamWithLeaderDocument,
  RemoveTeamMemberCountDocument,
  StationsWithinWalkDocument,
  type CreateStationInput,
  type CreateTeamInput,
} from './generated/volunteers-teams';
import { startStack, type Stack, type TokenFor } from './testkit';

// Teams (created under a parent, with a leader who manages the members) and service stations (found
// by the 15-minute circle). Only the regions are seeded; the builder makes the volunteers and the CITY team.

const ADMIN: TokenFor = { roles: ['ADMIN'] };

let stack: Stack;
let world: World;

beforeAll(async () => {
  stack = await startStack();
  await seedRegions(stack.volunteers.db.dataSource);
  world = builders(stack);
});
afterAll(() => stack?.stop());

const count = async (table: string): Promise<number> => {
  const [{ n }]: { n: number }[] = await stack.volunteers.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
};

describe('teams and stations', () => {
  const createTeam = (input: CreateTeamInput, as?: TokenFor) => stack.query(CreateTeamWithLeaderDocument, { input }, as);
  const createStation = (input: CreateStationInput, as?: TokenFor) => stack.query(CreateStationInRegionDocument, { input }, as);

  it('refuses team and station changes without the right role, writing nothing', async () => {
    const parent = await world.cityTeam();
    const [teams, stations] = [await count('teams'), await count('stations')];
    const input = { name: '张店区测试志愿服务队', level: 'COUNTY', regionCode: '370303', parentId: parent.id } satisfies CreateTeamInput;
    for (const viewer of [undefined, { roles: ['VOLUNTEER'] }, { roles: ['TEAM_LEADER'] }] satisfies (TokenFor | undefined)[]) {
      const result = await createTeam(input, viewer);
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const station = await createStation({ name: 'x', kind: 'PARK_SQUARE', lat: 36.8, lng: 118.0, address: 'x', regionCode: '370303' }, { roles: ['VOLUNTEER'] });
    expect(station.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect([await count('teams'), await count('stations')]).toEqual([teams, stations]);
  });

  it('creates a team under a parent with a leader, who then manages its members', async () => {
    const parentId = (await world.cityTeam()).id;
    const [leaderId, memberId, thirdId] = [(await world.volunteer({ region: '370305' })).id, (await world.volunteer({ region: '370305' })).id, (await world.volunteer({ region: '370305' })).id];

    const wrongLevel = await createTeam({ name: '临淄区队', level: 'COUNTY', regionCode: '370305001', parentId }, ADMIN);
    expect(wrongLevel.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });

    const { createTeam: team } = dataOf(
      await createTeam({ name: '临淄区齐文化志愿服务队', level: 'COUNTY', regionCode: '370305', parentId, leaderVolunteerId: leaderId }, { roles: ['CENTRE_DISPATCHER'] }),
    );
    expect(team).toMatchObject({ level: 'COUNTY', region: { code: '370305' }, parent: { id: parentId }, leader: { id: leaderId }, memberCount: 1 });
    const teamId = team.id;

    const duplicate = await createTeam({ name: '临淄区齐文化志愿服务队', level: 'COUNTY', regionCode: '370305', parentId }, ADMIN);
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');

    const add = (volunteerId: string, as: TokenFor, role?: 'LEADER') => stack.query(AddTeamMemberWithCountDocument, { teamId, volunteerId, role }, as);
    const otherLeader = await add(memberId, { roles: ['TEAM_LEADER'], volunteerId: memberId });
    expect(otherLeader.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const leader: TokenFor = { roles: ['TEAM_LEADER'], volunteerId: leaderId };
    const added = dataOf(await add(memberId, leader));
    expect(added.addTeamMember).toEqual({ role: 'MEMBER', volunteer: { id: memberId }, team: { memberCount: 2 } });
    expect((await add(memberId, leader)).errors?.[0].extensions?.code).toBe('CONFLICT');
    const secondLeader = await add(thirdId, ADMIN, 'LEADER');
    expect(secondLeader.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'TEAM_HAS_LEADER' });

    const remove = (volunteerId: string, as: TokenFor) => stack.query(RemoveTeamMemberCountDocument, { teamId, volunteerId }, as);
    expect((await remove(leaderId, ADMIN)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(dataOf(await remove(memberId, leader)).removeTeamMember).toEqual({ memberCount: 1 });
    expect((await remove(memberId, leader)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('creates a station that the 15-minute circle then finds', async () => {
    const input = {
      name: '测试公园志愿服务站',
      kind: 'PARK_SQUARE',
      lat: 36.2,
      lng: 118.3,
      address: '测试路1号',
      regionCode: '370323',
      openingHours: '08:00-18:00',
    } satisfies CreateStationInput;
    const { createStation: station } = dataOf(await createStation(input, { roles: ['STATION_STAFF'] }));
    const near = dataOf(await stack.query(StationsWithinWalkDocument, { lat: 36.2045, lng: 118.3, walkingMinutes: 10 }));
    expect(near.stationsNear).toEqual([{ station: { id: station.id }, distanceMeters: 500, walkingMinutes: 7 }]);
    const farther = dataOf(await stack.query(StationsWithinWalkDocument, { lat: 36.2045, lng: 118.3, walkingMinutes: 5 }));
    expect(farther.stationsNear).toEqual([]);
  });
});
