import { randomBytes } from 'node:crypto';
import { makeIdNumber, type Role } from '@vg/standards';
import {
  BuildActivityDocument,
  BuildProjectDocument,
  BuildStationDocument,
  BuildTeamDocument,
  BuildTeamMemberDocument,
  BuildVolunteerDocument,
  CityTeamsDocument,
  PublishBuiltActivityDocument,
  type ActivityStatus,
  type RegionLevel,
  type ServiceTheme,
  type StationKind,
  type TeamRole,
} from './generated/builders';
import type { GraphQLResponse, Stack, TokenFor } from './testkit';

/**
 * The data of a response that must have succeeded. Throws, with every error's message and code,
 * when it has errors or no data: set-up that fails says why instead of failing later on `undefined`.
 */
export function dataOf<T>(response: GraphQLResponse<T>, what = 'the operation'): T {
  if (response.errors?.length || !response.data) {
    const reasons = response.errors?.map((e) => `${e.message} (${e.extensions?.code ?? 'no code'})`).join('; ') ?? 'no data';
    throw new Error(`${what} failed: ${reasons}`);
  }
  return response.data;
}

export interface BuiltTeam {
  id: string;
  name: string;
  level: RegionLevel;
  regionCode: string;
}

/** A volunteer registered by the builder: their ID number is known in plain. */
export interface BuiltVolunteer {
  id: string;
  volunteerNo: string;
  name: string;
  idNumber: string;
  regionCode: string;
  /** The teams they were put in, with their role. */
  teams: { teamId: string; role: TeamRole }[];
  /** Signed in as themself: VOLUNTEER, plus TEAM_LEADER when they lead or deputise a team, plus `withRoles`. */
  as: TokenFor;
  /** A bearer token for `as`. */
  token: string;
}

export interface BuiltStation {
  id: string;
  name: string;
  regionCode: string;
}

export interface BuiltProject {
  id: string;
  name: string;
  teamId: string;
  regionCode: string;
}

export interface BuiltActivity {
  id: string;
  projectId: string;
  stationId: string;
  status: ActivityStatus;
  startsAt: string;
  endsAt: string;
  capacity: number;
}

export interface TeamOptions {
  /** Defaults from the region's code: 370300 CITY, 6 digits COUNTY, 9 TOWN, longer VILLAGE. */
  level?: RegionLevel;
  /** Region code; defaults to 370303 (张店区), or 370300 for a CITY team. */
  region?: string;
  name?: string;
  /** Defaults to a CITY team (the seed's, or one the builder creates), which contains every region. */
  parent?: { id: string };
  description?: string;
}

export interface VolunteerOptions {
  name?: string;
  /** Region code of residence; 370303 unless given. */
  region?: string;
  phone?: string;
  skills?: string[];
}

export interface StationOptions {
  name?: string;
  region?: string;
  kind?: StationKind;
  lat?: number;
  lng?: number;
  operatingTeam?: { id: string };
}

export interface ProjectOptions {
  name?: string;
  /** Defaults to one COUNTY team the world creates once. */
  team?: { id: string; regionCode: string };
  theme?: ServiceTheme;
  /** Defaults to the team's region. */
  regionCode?: string;
  brandId?: string;
}

export interface ActivityOptions {
  /** Defaults to one project the world creates once. */
  project?: { id: string };
  /** Defaults to one station the world creates once. */
  station?: { id: string };
  title?: string;
  theme?: ServiceTheme;
  capacity?: number;
  /** When it starts: an instant, or milliseconds from now (default 24 hours from now). */
  startsAt?: Date | number;
  /** How long it lasts, in milliseconds (default 2 hours). */
  lastsMs?: number;
}

/** Who the builder acts as: set-up goes through the gateway as a role allowed to do it. */
const BUILDER_ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'builder-admin' };
const HOUR = 3_600_000;
const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗'];
const GIVEN = [...'晓梅建国秀英志强丽娟海燕文博子涵雨欣浩然佳怡俊杰思远'];
/** The seed allocates sequences 001–998 and insurer.ts 100–899: 999 never clashes with either. */
const ID_SEQUENCE = 999;
let registered = 0;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const levelOf = (region: string): RegionLevel => (region.length === 6 ? (region.endsWith('00') ? 'CITY' : 'COUNTY') : region.length === 9 ? 'TOWN' : 'VILLAGE');

/**
 * Test data through the gateway, as the roles that may create it (ADMIN), with typed ids and
 * tokens back. Names carry a per-world tag, so worlds on one stack never clash with each other or
 * with the seed. Defaults (a parent team, a project, a station) are made once per world, on demand.
 *
 *     const world = builders(stack);
 *     const team = await world.team({ level: 'COUNTY', region: '370303' });
 *     const leader = await world.volunteer().inTeam(team).asLeader();
 *     const activity = await world.activity({ capacity: 5 }).published();
 *     await stack.query(SignUpDocument, { activityId: activity.id }, leader.as);
 */
export function builders(stack: Stack): World {
  return new World(stack);
}

export class World {
  private readonly tag = randomBytes(3).toString('hex');
  private made = 0;
  private cityTeamMade?: Promise<BuiltTeam>;
  private defaultTeam?: Promise<BuiltTeam>;
  private defaultProject?: Promise<BuiltProject>;
  private defaultStation?: Promise<BuiltStation>;

  constructor(readonly stack: Stack) {}

  /** A unique name: `prefix` and this world's tag. */
  name(prefix: string): string {
    this.made += 1;
    return `${prefix}·${this.tag}${this.made}`;
  }

  /** A CITY team: the first one the graph has, or a new one when there is none (no seed). */
  cityTeam(): Promise<BuiltTeam> {
    this.cityTeamMade ??= (async () => {
      const { teams } = dataOf(await this.stack.query(CityTeamsDocument, undefined, BUILDER_ADMIN), 'listing CITY teams');
      const found = teams.edges[0]?.node;
      if (found) return { id: found.id, name: found.name, level: 'CITY' as const, regionCode: found.region.code };
      return this.team({ level: 'CITY', region: '370300', name: this.name('淄博市测试志愿服务联合会') });
    })();
    return this.cityTeamMade;
  }

  /** Creates a team (as ADMIN) under `parent`, or under a CITY team. */
  async team(options: TeamOptions = {}): Promise<BuiltTeam> {
    const level = options.level ?? (options.region ? levelOf(options.region) : 'COUNTY');
    const regionCode = options.region ?? (level === 'CITY' ? '370300' : '370303');
    const parentId = level === 'CITY' ? options.parent?.id : (options.parent ?? (await this.cityTeam())).id;
    const input = { name: options.name ?? this.name('测试志愿服务队'), level, regionCode, parentId, description: options.description };
    const { createTeam } = dataOf(await this.stack.query(BuildTeamDocument, { input }, BUILDER_ADMIN), `creating team ${input.name}`);
    return { id: createTeam.id, name: createTeam.name, level: createTeam.level, regionCode: createTeam.region.code };
  }

  /** A volunteer to register (as ADMIN) with a known ID number: chain `.inTeam(t)`, `.asLeader()`, then await. */
  volunteer(options: VolunteerOptions = {}): VolunteerBuilder {
    return new VolunteerBuilder(this, options);
  }

  /** Creates a service station (as ADMIN). */
  async station(options: StationOptions = {}): Promise<BuiltStation> {
    const input = {
      name: options.name ?? this.name('测试志愿服务站'),
      kind: options.kind ?? 'COMMUNITY',
      lat: options.lat ?? 36.81,
      lng: options.lng ?? 118.05,
      address: '测试路1号',
      regionCode: options.region ?? '370303',
      operatingTeamId: options.operatingTeam?.id,
    };
    const { createStation } = dataOf(await this.stack.query(BuildStationDocument, { input }, BUILDER_ADMIN), `creating station ${input.name}`);
    return { id: createStation.id, name: createStation.name, regionCode: input.regionCode };
  }

  /** Creates a project (as ADMIN) for `team`, or for a team the world makes once. */
  async project(options: ProjectOptions = {}): Promise<BuiltProject> {
    const team = options.team ?? (await (this.defaultTeam ??= this.team()));
    const input = {
      name: options.name ?? this.name('测试项目'),
      teamId: team.id,
      theme: options.theme ?? 'COMMUNITY_GOVERNANCE',
      regionCode: options.regionCode ?? team.regionCode,
      brandId: options.brandId,
    };
    const { createProject } = dataOf(await this.stack.query(BuildProjectDocument, { input }, BUILDER_ADMIN), `creating project ${input.name}`);
    return { id: createProject.id, name: createProject.name, teamId: team.id, regionCode: createProject.regionCode };
  }

  /** An activity to create (as ADMIN, a DRAFT when awaited): `.published()` publishes it too. */
  activity(options: ActivityOptions = {}): ActivityBuilder {
    return new ActivityBuilder(this, options);
  }

  /** @internal The project and station an activity gets when the test names none. */
  defaults(): { project: Promise<BuiltProject>; station: Promise<BuiltStation> } {
    return { project: (this.defaultProject ??= this.project()), station: (this.defaultStation ??= this.station()) };
  }
}

export class VolunteerBuilder implements PromiseLike<BuiltVolunteer> {
  private readonly memberships: { team: { id: string }; role: TeamRole }[] = [];
  private readonly roles: Role[] = [];
  private built?: Promise<BuiltVolunteer>;

  constructor(
    private readonly world: World,
    private readonly options: VolunteerOptions,
  ) {}

  /** Adds them to `team` (as ADMIN), as a MEMBER unless `asLeader`/`asDeputy` follows. */
  inTeam(team: { id: string }, role: TeamRole = 'MEMBER'): this {
    this.memberships.push({ team, role });
    return this;
  }

  /** They lead the team of the last `inTeam` (and their token has TEAM_LEADER). */
  asLeader(): this {
    return this.lastRole('LEADER');
  }

  /** They are deputy leader of the team of the last `inTeam` (and their token has TEAM_LEADER). */
  asDeputy(): this {
    return this.lastRole('DEPUTY_LEADER');
  }

  /** More roles on their token (e.g. STATION_STAFF). */
  withRoles(...roles: Role[]): this {
    this.roles.push(...roles);
    return this;
  }

  then<A = BuiltVolunteer, B = never>(onFulfilled?: ((value: BuiltVolunteer) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.built ??= this.build();
    return this.built.then(onFulfilled, onRejected);
  }

  private lastRole(role: TeamRole): this {
    const last = this.memberships.at(-1);
    if (!last) throw new Error(`volunteer().inTeam(team) must come before the role ${role}`);
    last.role = role;
    return this;
  }

  private async build(): Promise<BuiltVolunteer> {
    const { stack } = this.world;
    const n = (registered += 1);
    const regionCode = this.options.region ?? '370303';
    // One birth day each from 2008-01-01 on: always a valid date, never a number the seed or insurer.ts made.
    const idNumber = makeIdNumber(['370302', '370303', '370305'][n % 3], addDays('2008-01-01', n), ID_SEQUENCE);
    const name = this.options.name ?? SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length] + GIVEN[(n * 3 + 1) % GIVEN.length];
    const input = { name, idNumber, regionCode, phone: this.options.phone, skills: this.options.skills };
    const { registerVolunteer: v } = dataOf(await stack.query(BuildVolunteerDocument, { input }, BUILDER_ADMIN), `registering ${name}`);
    for (const { team, role } of this.memberships) {
      dataOf(await stack.query(BuildTeamMemberDocument, { teamId: team.id, volunteerId: v.id, role }, BUILDER_ADMIN), `adding ${name} to team ${team.id} as ${role}`);
    }
    const leads = this.memberships.some(({ role }) => role !== 'MEMBER');
    const as: TokenFor = { roles: [...new Set<Role>(['VOLUNTEER', ...(leads ? (['TEAM_LEADER'] as const) : []), ...this.roles])], sub: `volunteer-${v.id}`, volunteerId: v.id };
    return {
      id: v.id,
      volunteerNo: v.volunteerNo,
      name: v.name,
      idNumber,
      regionCode: v.region.code,
      teams: this.memberships.map(({ team, role }) => ({ teamId: team.id, role })),
      as,
      token: stack.token(as),
    };
  }
}

export class ActivityBuilder implements PromiseLike<BuiltActivity> {
  private created?: Promise<BuiltActivity>;

  constructor(
    private readonly world: World,
    private readonly options: ActivityOptions,
  ) {}

  /** Creates it and publishes it (DRAFT → PUBLISHED), so volunteers can sign up. */
  async published(): Promise<BuiltActivity> {
    const activity = await this;
    const { publishActivity } = dataOf(await this.world.stack.query(PublishBuiltActivityDocument, { id: activity.id }, BUILDER_ADMIN), `publishing activity ${activity.id}`);
    return { ...activity, status: publishActivity.status };
  }

  then<A = BuiltActivity, B = never>(onFulfilled?: ((value: BuiltActivity) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.created ??= this.create();
    return this.created.then(onFulfilled, onRejected);
  }

  private async create(): Promise<BuiltActivity> {
    const { options, world } = this;
    const project = options.project ?? (await world.defaults().project);
    const station = options.station ?? (await world.defaults().station);
    const start = options.startsAt instanceof Date ? options.startsAt.getTime() : Date.now() + (options.startsAt ?? 24 * HOUR);
    const input = {
      projectId: project.id,
      stationId: station.id,
      title: options.title ?? '社区助老',
      theme: options.theme,
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + (options.lastsMs ?? 2 * HOUR)).toISOString(),
      capacity: options.capacity ?? 10,
    };
    const { createActivity: a } = dataOf(await world.stack.query(BuildActivityDocument, { input }, BUILDER_ADMIN), `creating activity ${input.title}`);
    return { id: a.id, projectId: project.id, stationId: station.id, status: a.status, startsAt: a.startsAt, endsAt: a.endsAt, capacity: a.capacity };
  }
}
