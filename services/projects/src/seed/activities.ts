import type { ActivityStatus } from '../data/activity.entity';
import type { SignupStatus } from '../data/signup.entity';
import { localDate } from '@vg/config';
import { serviceHours } from '../domain/service-hours';
import { regionPrefix } from '@vg/standards';
import type { ServiceTheme } from '../generated/graphql';
import { CANCEL_REASONS, EVALUATIONS, THEMES } from './catalogue';
import type { StationFact, TeamFact, VolunteersFacts } from './facts';
import { placeOf, type DemoProject } from './projects';
import { Random } from '@vg/random';
import { DAY, HOUR, MINUTE, chinaDay, chinaTime, dayOf } from './time';

export interface DemoActivity {
  /** Index into the projects. */
  project: number;
  stationId: string;
  title: string;
  description: string;
  theme: ServiceTheme;
  regionCode: string;
  startsAt: number;
  endsAt: number;
  capacity: number;
  /** Live (not cancelled) sign-ups. */
  signupCount: number;
  status: ActivityStatus;
  cancelReason: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface DemoSignup {
  /** Index into the activities. */
  activity: number;
  volunteerId: string;
  status: SignupStatus;
  signedUpAt: number;
  checkedInAt: number | null;
  checkedOutAt: number | null;
  cancelledAt: number | null;
}

export interface DemoServiceRecord {
  /** Index into the sign-ups. */
  signup: number;
  activity: number;
  volunteerId: string;
  serviceDate: string;
  place: string;
  servedParty: string;
  content: string;
  hours: number;
  evaluation: string | null;
  personInCharge: string;
  recordedAt: number;
}

export interface DemoActivities {
  activities: DemoActivity[];
  signups: DemoSignup[];
  /** In the order they were recorded (the change feed's order). */
  records: DemoServiceRecord[];
}

const FIRST_DAY = dayOf('2024-01-01');
const UPCOMING_SHARE = 0.1;
const UPCOMING_DAYS = 60;
const LATEST_END_MINUTE = 21 * 60 + 30;
/** Ended activities stay PUBLISHED (not yet completed by the organiser) for up to this long. */
const COMPLETION_GRACE = 3 * DAY;

/**
 * `count` activities of `projects` at stations in or near each project's region — mostly since
 * 2024, a tenth in the 60 days after `now` — with statuses that fit their dates, and sign-ups of
 * active volunteers (the project team's members first, then neighbours): never more live sign-ups
 * than places, never a volunteer twice in an activity or in two activities at once. Every sign-up
 * checked out has a service record with the national fields, its hours by the check-out rule.
 */
export function generateActivities(seed: number, count: number, projects: readonly DemoProject[], facts: VolunteersFacts, now: number): DemoActivities {
  const random = Random.derive(seed, 'activities');
  const teams = new Map(facts.teams.map((t) => [t.id, t]));
  const stations = new Map(facts.stations.map((s) => [s.id, s]));
  const placesOf = projectPlaces(random, projects, facts.stations);
  const weights = projects.map((p, i) => [i, p.inLibrary ? 3 : 1] as const);
  const today = chinaDay(now);

  const activities: DemoActivity[] = [];
  for (let i = 0; i < count; i += 1) {
    const project = random.weighted(weights);
    const { home, nearby } = placesOf[project];
    const station = random.chance(0.8) ? random.pick(home) : random.pick(nearby);
    const { theme } = projects[project];
    const entry = THEMES[theme];
    const day = random.chance(UPCOMING_SHARE) ? random.int(today, today + UPCOMING_DAYS) : random.int(FIRST_DAY, today - 1);
    const length = random.pick(entry.lengths);
    const startMinute = Math.min(30 * random.int(16, 38), Math.floor((LATEST_END_MINUTE - length) / 30) * 30);
    const startsAt = chinaTime(day, startMinute);
    const endsAt = startsAt + length * MINUTE;
    const createdAt = Math.min(startsAt - random.int(3, 30) * DAY - random.int(0, 8) * HOUR, now - random.int(1, 72) * HOUR);
    const status = statusFor(random, startsAt, endsAt, now);
    const cancelledAt = status === 'CANCELLED' ? between(random, createdAt, Math.min(startsAt, now)) : null;
    activities.push({
      project,
      stationId: station.id,
      title: `${random.pick(entry.activities)}·${station.name.replace(/志愿服务站$/, '')}`.slice(0, 100),
      description: `${projects[project].name}：${entry.content}`,
      theme,
      regionCode: station.regionCode,
      startsAt,
      endsAt,
      capacity: 5 + Math.round(55 * random.next() ** 2),
      signupCount: 0,
      status,
      cancelReason: status === 'CANCELLED' ? random.pick(CANCEL_REASONS) : null,
      createdAt,
      updatedAt: cancelledAt ?? (status === 'COMPLETED' ? Math.min(endsAt + random.int(1, 48) * HOUR, now) : createdAt),
    });
  }

  const signups = generateSignups(random, activities, projects, facts, now);
  for (const signup of signups) if (signup.status !== 'CANCELLED') activities[signup.activity].signupCount += 1;

  const records: DemoServiceRecord[] = [];
  signups.forEach((signup, index) => {
    if (signup.status !== 'CHECKED_OUT') return;
    const activity = activities[signup.activity];
    const station = stations.get(activity.stationId)!;
    const team = teams.get(projects[activity.project].teamId);
    const entry = THEMES[activity.theme];
    records.push({
      signup: index,
      activity: signup.activity,
      volunteerId: signup.volunteerId,
      serviceDate: localDate(new Date(signup.checkedInAt!)),
      place: `${station.name}（${station.address}）`.slice(0, 300),
      servedParty: entry.servedParty,
      content: `${activity.title}：${entry.content}`,
      hours: serviceHours(new Date(signup.checkedInAt!), new Date(signup.checkedOutAt!), { startsAt: new Date(activity.startsAt), endsAt: new Date(activity.endsAt) }),
      evaluation: random.weighted(EVALUATIONS),
      personInCharge: personInCharge(team),
      recordedAt: signup.checkedOutAt!,
    });
  });
  records.sort((a, b) => a.recordedAt - b.recordedAt || a.signup - b.signup);
  return { activities, signups, records };
}

/** A status that fits the dates: what ended is mostly COMPLETED, what is ahead PUBLISHED or DRAFT. */
function statusFor(random: Random, startsAt: number, endsAt: number, now: number): ActivityStatus {
  if (endsAt <= now) {
    if (now - endsAt < COMPLETION_GRACE && random.chance(0.5)) return 'PUBLISHED';
    return random.chance(0.07) ? 'CANCELLED' : 'COMPLETED';
  }
  if (startsAt <= now) return 'PUBLISHED';
  return random.weighted([
    ['PUBLISHED', 75],
    ['DRAFT', 18],
    ['CANCELLED', 7],
  ]);
}

/** For each project: 1–3 home stations in its region (or the nearest wider region with any), and all of them. */
function projectPlaces(random: Random, projects: readonly DemoProject[], stations: readonly StationFact[]): { home: StationFact[]; nearby: StationFact[] }[] {
  const cache = new Map<string, StationFact[]>();
  const within = (prefix: string) => {
    let found = cache.get(prefix);
    if (!found) cache.set(prefix, (found = stations.filter((s) => s.regionCode.startsWith(prefix))));
    return found;
  };
  return projects.map((p) => {
    const region = regionPrefix(p.regionCode);
    const prefixes = [region, region.slice(0, 9), region.slice(0, 6), ''];
    const nearby = prefixes.map(within).find((list) => list.length > 0)!;
    return { home: random.shuffle(nearby).slice(0, random.int(1, 3)), nearby };
  });
}

function personInCharge(team: TeamFact | undefined): string {
  if (team?.leader) return team.leader.name.slice(0, 50);
  return `${placeOf(team?.name ?? '志愿服务队')}负责人`.slice(0, 50);
}

/** An instant in [from, to] (from when the range is empty), on a whole minute. */
function between(random: Random, from: number, to: number): number {
  if (to <= from) return from;
  return from + Math.floor((random.next() * (to - from)) / MINUTE) * MINUTE;
}

/** Busy time of each volunteer, as [start, end) pairs, so nobody is signed up twice at once. */
class Calendars {
  private readonly busy = new Map<string, number[]>();

  isFree(volunteerId: string, startsAt: number, endsAt: number): boolean {
    const spans = this.busy.get(volunteerId);
    if (!spans) return true;
    for (let i = 0; i < spans.length; i += 2) if (spans[i] < endsAt && spans[i + 1] > startsAt) return false;
    return true;
  }

  book(volunteerId: string, startsAt: number, endsAt: number): void {
    const spans = this.busy.get(volunteerId);
    if (spans) spans.push(startsAt, endsAt);
    else this.busy.set(volunteerId, [startsAt, endsAt]);
  }
}

/** How full an activity gets, by status: drafts have no sign-ups; what happened was well attended. */
function targetFill(random: Random, activity: DemoActivity, now: number): number {
  const share = {
    DRAFT: 0,
    CANCELLED: 0.2 + 0.5 * random.next(),
    COMPLETED: 0.5 + 0.5 * random.next(),
    PUBLISHED: activity.startsAt > now ? 0.1 + 0.8 * random.next() : 0.5 + 0.5 * random.next(),
  }[activity.status];
  return Math.min(activity.capacity, Math.round(activity.capacity * share));
}

function generateSignups(random: Random, activities: readonly DemoActivity[], projects: readonly DemoProject[], facts: VolunteersFacts, now: number): DemoSignup[] {
  const active = facts.volunteers.filter((v) => v.status === 'ACTIVE');
  const membersOf = new Map<string, string[]>();
  const livingIn = new Map<string, string[]>();
  for (const v of active) {
    for (const teamId of v.teamIds) (membersOf.get(teamId) ?? membersOf.set(teamId, []).get(teamId)!).push(v.id);
    const county = v.regionCode.slice(0, 6);
    (livingIn.get(county) ?? livingIn.set(county, []).get(county)!).push(v.id);
  }
  const everyone = active.map((v) => v.id);
  const calendars = new Calendars();
  const signups: DemoSignup[] = [];

  activities.forEach((activity, index) => {
    const target = targetFill(random, activity, now);
    if (target === 0 || everyone.length === 0) return;
    const chosen = new Set<string>();
    const take = (volunteerId: string) => {
      if (chosen.size >= target || chosen.has(volunteerId) || !calendars.isFree(volunteerId, activity.startsAt, activity.endsAt)) return;
      chosen.add(volunteerId);
      calendars.book(volunteerId, activity.startsAt, activity.endsAt);
    };
    // The team's own members first (up to about two thirds of the places), then neighbours, then anyone.
    const members = membersOf.get(projects[activity.project].teamId) ?? [];
    for (const id of random.shuffle(members).slice(0, Math.ceil(target * 0.65))) take(id);
    const neighbours = livingIn.get(activity.regionCode.slice(0, 6)) ?? everyone;
    for (let attempt = 0; chosen.size < target && attempt < target * 3; attempt += 1) take(random.pick(neighbours));
    for (let attempt = 0; chosen.size < target && attempt < target * 3; attempt += 1) take(random.pick(everyone));
    for (const volunteerId of chosen) signups.push(signupFor(random, index, activity, volunteerId, now));
  });
  return signups;
}

/** One sign-up's path through check-in and check-out (or cancellation), fitting the activity's status and `now`. */
function signupFor(random: Random, activity: number, a: DemoActivity, volunteerId: string, now: number): DemoSignup {
  // Nobody signs up for an activity already cancelled.
  const signedUpAt = between(random, a.createdAt, a.status === 'CANCELLED' ? a.updatedAt : Math.min(a.startsAt - HOUR, now));
  const signup: DemoSignup = { activity, volunteerId, status: 'SIGNED_UP', signedUpAt, checkedInAt: null, checkedOutAt: null, cancelledAt: null };
  const started = a.startsAt <= now;
  const ended = a.endsAt <= now;
  let status: SignupStatus;
  if (a.status === 'CANCELLED') status = 'CANCELLED';
  else if (a.status === 'COMPLETED')
    status = random.weighted([
      ['CHECKED_OUT', 85],
      ['SIGNED_UP', 5],
      ['CANCELLED', 10],
    ]);
  else if (ended)
    status = random.weighted([
      ['CHECKED_OUT', 70],
      ['CHECKED_IN', 10],
      ['SIGNED_UP', 10],
      ['CANCELLED', 10],
    ]);
  else if (started)
    status = random.weighted([
      ['CHECKED_IN', 70],
      ['SIGNED_UP', 25],
      ['CANCELLED', 5],
    ]);
  else
    status = random.weighted([
      ['SIGNED_UP', 90],
      ['CANCELLED', 10],
    ]);

  signup.status = status;
  if (status === 'CANCELLED') {
    // An activity's cancellation cancels its sign-ups then; otherwise the volunteer withdrew before it began.
    signup.cancelledAt = a.status === 'CANCELLED' ? a.updatedAt : between(random, signedUpAt, Math.min(a.startsAt, now));
  }
  if (status === 'CHECKED_IN' || status === 'CHECKED_OUT') {
    signup.checkedInAt = Math.min(a.startsAt + random.int(-15, 10) * MINUTE, now);
  }
  if (status === 'CHECKED_OUT') {
    const early = random.int(0, Math.min(40, Math.floor((a.endsAt - a.startsAt) / MINUTE / 4)));
    signup.checkedOutAt = Math.min(a.endsAt - early * MINUTE, now);
  }
  return signup;
}
