import type { ServiceRequestKind, ServiceRequestStatus } from '../data/service-request.entity';
import { MICRO_WISHES, RATING_COMMENTS, RESIDENTIAL_AREAS, SERVICE_REQUESTS } from './catalogue';
import type { StationFact, TeamFact, VolunteersFacts } from './facts';
import { localDate } from '@vg/config';
import { Random } from '@vg/random';
import { DAY, HOUR, MINUTE, dayOf } from './time';

export interface DemoServiceRequest {
  kind: ServiceRequestKind;
  title: string;
  description: string;
  address: string;
  regionCode: string;
  status: ServiceRequestStatus;
  /** Signed-in residents; null for anonymous ones, who have a phone and a tracking code instead. */
  requesterSub: string | null;
  contactPhone: string | null;
  trackingCode: string | null;
  teamId: string | null;
  fundingAmount: number | null;
  acceptedBy: string | null;
  rating: number | null;
  ratingComment: string | null;
  orderedAt: number;
  updatedAt: number;
}

export interface DemoServiceRequestEvent {
  /** Index into the requests. */
  request: number;
  fromStatus: ServiceRequestStatus | null;
  toStatus: ServiceRequestStatus;
  actor: string | null;
  /** The party that took the step (see domain/service-request-state-machine). */
  actorRole: 'RESIDENT' | 'CENTRE_DISPATCHER' | 'GOVERNMENT_FUNDER' | 'TEAM_MEMBER' | 'ACCEPTING_VOLUNTEER';
  note: string | null;
  at: number;
}

/** The service record a completed request left (as completeServiceRequest makes it). */
export interface DemoRequestRecord {
  /** Index into the requests. */
  request: number;
  volunteerId: string;
  serviceDate: string;
  place: string;
  servedParty: string;
  content: string;
  hours: number;
  personInCharge: string;
  /** The completion time. */
  recordedAt: number;
}

export interface DemoServiceRequests {
  requests: DemoServiceRequest[];
  /** Each request's steps in order. */
  events: DemoServiceRequestEvent[];
  /** One per COMPLETED or RATED request, in the order they were recorded. */
  requestRecords: DemoRequestRecord[];
}

/** The loop's statuses in order; a request at one of them took every step before it. */
const PATH: readonly ServiceRequestStatus[] = ['ORDERED', 'DISPATCHED', 'FUNDED', 'ACCEPTED', 'COMPLETED', 'RATED'];
export const REQUEST_STATUSES: readonly ServiceRequestStatus[] = [...PATH, 'CANCELLED'];
/** Gaps between steps, in hours: dispatch, fund, accept, complete, rate. */
const GAPS: readonly (readonly [number, number])[] = [
  [1, 24],
  [4, 72],
  [1, 48],
  [24, 120],
  [2, 72],
];
/** How long ago requests still waiting at each status were ordered, in days (older ones moved on). */
const WAITING_SINCE: Partial<Record<ServiceRequestStatus, readonly [number, number]>> = { ORDERED: [0, 3], DISPATCHED: [1, 7], FUNDED: [3, 12], ACCEPTED: [4, 15], COMPLETED: [8, 30] };
const FIRST_ORDER = dayOf('2024-03-01') * DAY;
const ANONYMOUS_SHARE = 0.1;
const TRACKING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * `count` requests of the five-order loop, spread evenly over its seven statuses (about one in
 * three a 微心愿), each with the history of every step it took: ordered by a signed-in resident
 * (`resident-N`) or, one in ten, anonymously with a phone and tracking code; dispatched to a team
 * of its county (or the city's) by a CENTRE_DISPATCHER; funded by a GOVERNMENT_FUNDER; accepted
 * and completed by a member of that team; rated by the resident — or cancelled before acceptance.
 * Nothing dated after `now`.
 */
export function generateRequests(seed: number, count: number, facts: VolunteersFacts, now: number): DemoServiceRequests {
  const random = Random.derive(seed, 'requests');
  // A stream of its own, so adding records changed nothing else the seed draws.
  const hoursRandom = Random.derive(seed, 'request-records');
  const requestRecords: DemoRequestRecord[] = [];
  const membersOf = new Map<string, string[]>();
  for (const v of facts.volunteers) {
    if (v.status !== 'ACTIVE') continue;
    for (const teamId of v.teamIds) (membersOf.get(teamId) ?? membersOf.set(teamId, []).get(teamId)!).push(v.id);
  }
  const staffed = facts.teams.filter((t) => (membersOf.get(t.id)?.length ?? 0) > 0);
  const requests: DemoServiceRequest[] = [];
  const events: DemoServiceRequestEvent[] = [];
  // Without a team with active members nobody could take a request beyond 点单.
  if (staffed.length === 0 || facts.stations.length === 0) return { requests, events, requestRecords };

  for (let i = 0; i < count; i += 1) {
    const status = REQUEST_STATUSES[i % REQUEST_STATUSES.length];
    const kind: ServiceRequestKind = i % 3 === 2 ? 'MICRO_WISH' : 'SERVICE';
    const entry = random.pick(kind === 'MICRO_WISH' ? MICRO_WISHES : SERVICE_REQUESTS);
    const station = random.pick(facts.stations);
    const anonymous = random.chance(ANONYMOUS_SHARE);
    const requesterSub = anonymous ? null : `resident-${random.int(1, 200)}`;
    const team = dispatchTeam(random, staffed, station.regionCode);
    // Where the request ends up: CANCELLED ones were cancelled before a volunteer accepted.
    const reached = status === 'CANCELLED' ? random.pick(PATH.slice(0, 3)) : status;
    const steps = PATH.indexOf(reached);
    const waiting = WAITING_SINCE[status];
    const orderedAt = waiting ? now - random.int(waiting[0] * 24, waiting[1] * 24) * HOUR - random.int(1, 59) * MINUTE : FIRST_ORDER + Math.floor(random.next() * (now - 40 * DAY - FIRST_ORDER));
    const times = [orderedAt];
    for (let s = 0; s < steps + (status === 'CANCELLED' ? 1 : 0); s += 1) times.push(times[s] + random.int(GAPS[Math.min(s, GAPS.length - 1)][0], GAPS[Math.min(s, GAPS.length - 1)][1]) * HOUR);
    // Requests still waiting keep every step in the past.
    const overshoot = times[times.length - 1] - (now - HOUR);
    if (overshoot > 0) for (let s = 0; s < times.length; s += 1) times[s] -= overshoot;

    const acceptedBy = steps >= 3 ? random.pick(membersOf.get(team.id)!) : null;
    const rating =
      status === 'RATED'
        ? random.weighted([
            [5, 60],
            [4, 30],
            [3, 7],
            [2, 2],
            [1, 1],
          ])
        : null;
    const request: DemoServiceRequest = {
      kind,
      title: entry.title,
      description: entry.description,
      address: residentialAddress(random, station),
      regionCode: station.regionCode,
      status,
      requesterSub,
      contactPhone: anonymous ? `1${random.int(3, 9)}${String(random.int(0, 999_999_999)).padStart(9, '0')}` : null,
      trackingCode: anonymous ? Array.from({ length: 10 }, () => random.pick([...TRACKING_ALPHABET])).join('') : null,
      teamId: steps >= 1 ? team.id : null,
      fundingAmount: steps >= 2 ? 10 * (kind === 'MICRO_WISH' ? random.int(3, 30) : random.int(5, 80)) : null,
      acceptedBy,
      rating,
      ratingComment: rating ? random.pick(RATING_COMMENTS[rating]) : null,
      orderedAt: times[0],
      updatedAt: times[times.length - 1],
    };
    const index = requests.push(request) - 1;

    const step = (s: number, fromStatus: ServiceRequestStatus | null, toStatus: ServiceRequestStatus, actorRole: DemoServiceRequestEvent['actorRole'], actor: string | null, note: string | null) =>
      events.push({ request: index, fromStatus, toStatus, actor, actorRole, note, at: times[s] });
    step(0, null, 'ORDERED', 'RESIDENT', requesterSub, null);
    if (steps >= 1) step(1, 'ORDERED', 'DISPATCHED', 'CENTRE_DISPATCHER', `dispatcher-${random.int(1, 3)}`, `派单至${team.name}`);
    if (steps >= 2) step(2, 'DISPATCHED', 'FUNDED', 'GOVERNMENT_FUNDER', `funder-${random.int(1, 2)}`, `政府购买服务资金 ${request.fundingAmount} 元`);
    if (steps >= 3) step(3, 'FUNDED', 'ACCEPTED', 'TEAM_MEMBER', `volunteer-${acceptedBy}`, null);
    if (steps >= 4) {
      const note = kind === 'MICRO_WISH' ? '心愿物品已送达' : '服务已完成';
      step(4, 'ACCEPTED', 'COMPLETED', 'ACCEPTING_VOLUNTEER', `volunteer-${acceptedBy}`, note);
      // Half hours, within the time since acceptance (gaps are whole hours, at least one).
      const maxHalfHours = Math.min(8, ((times[4] - times[3]) / HOUR) * 2);
      requestRecords.push({
        request: index,
        volunteerId: acceptedBy!,
        serviceDate: localDate(new Date(times[4])),
        place: request.address.slice(0, 300),
        servedParty: '群众',
        content: `${request.title}：${note}`,
        hours: hoursRandom.int(1, maxHalfHours) / 2,
        personInCharge: team.name.slice(0, 50),
        recordedAt: times[4],
      });
    }
    if (steps >= 5) step(5, 'COMPLETED', 'RATED', 'RESIDENT', requesterSub, `${rating} 星：${request.ratingComment}`);
    if (status === 'CANCELLED') {
      const byResident = random.chance(0.6);
      step(
        steps + 1,
        reached,
        'CANCELLED',
        byResident ? 'RESIDENT' : 'CENTRE_DISPATCHER',
        byResident ? requesterSub : `dispatcher-${random.int(1, 3)}`,
        byResident ? '需求已自行解决' : '经电话回访，居民已不需要该服务',
      );
    }
  }
  requestRecords.sort((a, b) => a.recordedAt - b.recordedAt || a.request - b.request);
  return { requests, events, requestRecords };
}

/** A team to dispatch to: one of the request's town, else of its county, else the city's or any. */
function dispatchTeam(random: Random, teams: readonly TeamFact[], regionCode: string): TeamFact {
  for (const prefix of [regionCode.slice(0, 9), regionCode.slice(0, 6)]) {
    const local = teams.filter((t) => t.regionCode.startsWith(prefix));
    if (local.length > 0) return random.pick(local);
  }
  return teams.find((t) => t.level === 'CITY') ?? random.pick(teams);
}

/** A home near the station: its address up to the town (街道/镇), then a residential compound. */
function residentialAddress(random: Random, station: StationFact): string {
  const town = /^.*?(街道|镇)/.exec(station.address)?.[0] ?? station.address.slice(0, 12);
  return `${town}${random.pick(RESIDENTIAL_AREAS)}小区${random.int(1, 30)}号楼${random.int(1, 6)}单元${random.int(1, 6)}0${random.int(1, 4)}室`.slice(0, 200);
}
