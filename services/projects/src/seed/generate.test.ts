import { nextStatus, type ServiceRequestAction } from '../domain/service-request-state-machine';
import { fakeVolunteersFacts } from './fake-volunteers';
import { generateProjectsDemoData } from './generate';
import { REQUEST_STATUSES } from './requests';
import { chinaDay, dayOf } from './time';

const NOW = new Date('2026-11-29T08:00:00Z');
const now = NOW.getTime();
const facts = fakeVolunteersFacts({ teams: 60, stations: 40, volunteers: 400 });
const data = generateProjectsDemoData(facts, { now: NOW });

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('generateProjectsDemoData', () => {
  it('is deterministic for the same facts, options and now; another seed gives other activities', () => {
    expect(JSON.stringify(generateProjectsDemoData(facts, { now: NOW }))).toBe(JSON.stringify(data));
    const other = generateProjectsDemoData(facts, { now: NOW, seed: 7 });
    expect(other.brands).toEqual(data.brands);
    expect(other.activities.map((a) => a.startsAt)).not.toEqual(data.activities.map((a) => a.startsAt));
  });

  it('makes the requested numbers of projects, activities and requests', () => {
    expect([data.projects.length, data.activities.length, data.requests.length]).toEqual([120, 3000, 210]);
    const small = generateProjectsDemoData(facts, { now: NOW, projects: 10, activities: 50, serviceRequests: 14 });
    expect([small.projects.length, small.activities.length, small.requests.length]).toEqual([10, 50, 14]);
    expect(() => generateProjectsDemoData(facts, { now: NOW, activities: -1 })).toThrow(RangeError);
    expect(() => generateProjectsDemoData({ ...facts, teams: [] }, { now: NOW })).toThrow(/at least one team/);
  });
});

describe('brands and projects', () => {
  it('are the brands of the report, regional ones in their counties', () => {
    const byName = new Map(data.brands.map((b) => [b.name, b]));
    expect(data.brands.filter((b) => b.kind === 'REGIONAL').map((b) => b.name)).toEqual(['齐有爱', '沂源红', '焦桐花开', '红火炬']);
    expect(data.brands.filter((b) => b.kind === 'PROJECT').map((b) => b.name)).toEqual(expect.arrayContaining(['憨兜家园', '明理胡同', '护学岗']));
    expect([byName.get('齐有爱')?.regionCode, byName.get('沂源红')?.regionCode, byName.get('焦桐花开')?.regionCode]).toEqual(['370305', '370323', '370304']);
  });

  it('spread over every team, with names unique per team, regional brands only in their region', () => {
    expect(new Set(data.projects.map((p) => p.teamId)).size).toBe(60);
    expect(new Set(data.projects.map((p) => `${p.teamId}|${p.name}`)).size).toBe(data.projects.length);
    expect(new Set(data.projects.map((p) => p.theme)).size).toBeGreaterThanOrEqual(10);
    for (const p of data.projects) {
      const brand = p.brand === null ? null : data.brands[p.brand];
      if (brand?.kind === 'REGIONAL' && brand.regionCode) expect(p.regionCode.startsWith(brand.regionCode)).toBe(true);
      expect(p.regionCode).toBe(facts.teams.find((t) => t.id === p.teamId)?.regionCode);
    }
  });

  it('include the two 2024 gold-medal projects, in the library, with the award', () => {
    for (const name of ['长者食堂多效互助', '适老安居规划师']) {
      const index = data.projects.findIndex((p) => p.name === name);
      expect(data.projects[index]).toMatchObject({ theme: 'ELDERLY_CARE', inLibrary: true });
      expect(data.awards.filter((a) => a.project === index)).toEqual([{ project: index, title: '第七届中国青年志愿服务项目大赛', rank: '金奖', level: 'NATIONAL', year: 2024 }]);
    }
    expect(new Set(data.awards.map((a) => `${a.project}|${a.title}|${a.year}`)).size).toBe(data.awards.length);
  });

  it('keep the library flag equal to the last change of the history, which alternates and is in the past', () => {
    const last = new Map<number, string>();
    for (const change of data.libraryChanges) {
      expect(change.at).toBeLessThan(now);
      expect(change.action).toBe(last.get(change.project) === 'ADDED' ? 'REMOVED' : 'ADDED');
      expect(data.projects[change.project].createdAt).toBeLessThan(change.at);
      last.set(change.project, change.action);
    }
    data.projects.forEach((p, i) => expect(p.inLibrary).toBe(last.get(i) === 'ADDED'));
    expect(data.projects.filter((p) => p.inLibrary).length).toBeGreaterThanOrEqual(20);
    expect(data.libraryChanges.filter((c) => c.action === 'REMOVED').length).toBeGreaterThanOrEqual(2);
  });
});

describe('activities', () => {
  it('mostly happened since 2024, some are upcoming, with 5–60 places and statuses fitting their dates', () => {
    const upcoming = data.activities.filter((a) => a.startsAt > now);
    expect(upcoming.length).toBeGreaterThan(150);
    expect(upcoming.filter((a) => chinaDay(a.startsAt) > chinaDay(now) + 60)).toEqual([]);
    const misfits = data.activities.filter(
      (a) =>
        chinaDay(a.startsAt) < dayOf('2024-01-01') ||
        a.endsAt <= a.startsAt ||
        a.capacity < 5 ||
        a.capacity > 60 ||
        a.createdAt >= Math.min(a.startsAt, now) ||
        (a.status === 'COMPLETED' && a.endsAt > now) ||
        (a.status === 'DRAFT' && a.startsAt <= now) ||
        (a.cancelReason !== null) !== (a.status === 'CANCELLED'),
    );
    expect(misfits).toEqual([]);
    expect([...countBy(data.activities, (a) => a.status).keys()].sort()).toEqual(['CANCELLED', 'COMPLETED', 'DRAFT', 'PUBLISHED']);
  });

  it("take place at stations in their project's county (anywhere for the city's projects)", () => {
    const stations = new Map(facts.stations.map((s) => [s.id, s]));
    const elsewhere = data.activities.filter((a) => {
      const project = data.projects[a.project];
      return project.regionCode !== '370300' && !stations.get(a.stationId)!.regionCode.startsWith(project.regionCode.slice(0, 6));
    });
    expect(elsewhere).toEqual([]);
  });
});

describe('sign-ups', () => {
  it('never exceed capacity, and signupCount counts the live ones', () => {
    const live = countBy(
      data.signups.filter((s) => s.status !== 'CANCELLED'),
      (s) => String(s.activity),
    );
    const wrong = data.activities.filter((a, i) => a.signupCount !== (live.get(String(i)) ?? 0) || a.signupCount > a.capacity);
    expect(wrong).toEqual([]);
    expect(data.signups.length).toBeGreaterThan(10_000);
  });

  it('never put a volunteer twice in an activity, or in two activities at once, and only active ones', () => {
    expect(new Set(data.signups.map((s) => `${s.activity}|${s.volunteerId}`)).size).toBe(data.signups.length);
    const inactive = new Set(facts.volunteers.filter((v) => v.status !== 'ACTIVE').map((v) => v.id));
    expect(data.signups.filter((s) => inactive.has(s.volunteerId))).toEqual([]);
    const byVolunteer = new Map<string, [number, number][]>();
    for (const s of data.signups) {
      const a = data.activities[s.activity];
      (byVolunteer.get(s.volunteerId) ?? byVolunteer.set(s.volunteerId, []).get(s.volunteerId)!).push([a.startsAt, a.endsAt]);
    }
    const overlaps: string[] = [];
    for (const [volunteer, spans] of byVolunteer) {
      spans.sort((x, y) => x[0] - y[0]);
      for (let i = 1; i < spans.length; i += 1) if (spans[i][0] < spans[i - 1][1]) overlaps.push(volunteer);
    }
    expect(overlaps).toEqual([]);
  });

  it('fit the activity: none for drafts, all cancelled for cancelled ones, checked in only once begun, times in order', () => {
    const misfits = data.signups.filter((s) => {
      const a = data.activities[s.activity];
      return (
        a.status === 'DRAFT' ||
        (a.status === 'CANCELLED' && s.status !== 'CANCELLED') ||
        (a.startsAt > now && !['SIGNED_UP', 'CANCELLED'].includes(s.status)) ||
        s.signedUpAt > Math.min(a.startsAt, now) ||
        s.signedUpAt < a.createdAt ||
        (s.cancelledAt !== null) !== (s.status === 'CANCELLED') ||
        (s.cancelledAt !== null && s.cancelledAt < s.signedUpAt) ||
        (s.checkedInAt !== null && (s.checkedInAt <= s.signedUpAt || s.checkedInAt > now)) ||
        (s.checkedOutAt !== null && (s.checkedOutAt <= s.checkedInAt! || s.checkedOutAt > now)) ||
        (s.checkedOutAt !== null) !== (s.status === 'CHECKED_OUT')
      );
    });
    expect(misfits).toEqual([]);
  });
});

describe('service records', () => {
  it('exist exactly for checked-out sign-ups, in the order they were recorded', () => {
    const checkedOut = data.signups.flatMap((s, i) => (s.status === 'CHECKED_OUT' ? [i] : []));
    expect(data.records.map((r) => r.signup).sort((a, b) => a - b)).toEqual(checkedOut);
    expect(data.records.filter((r, i) => i > 0 && r.recordedAt < data.records[i - 1].recordedAt)).toEqual([]);
  });

  it("have the national fields, and hours in half-hour steps within the activity's length", () => {
    const misfits = data.records.filter((r) => {
      const a = data.activities[r.activity];
      const s = data.signups[r.signup];
      return (
        s.activity !== r.activity ||
        s.volunteerId !== r.volunteerId ||
        r.hours * 2 !== Math.round(r.hours * 2) ||
        r.hours <= 0 ||
        r.hours > (a.endsAt - a.startsAt) / 3_600_000 ||
        !/^20(24|25|26)-\d\d-\d\d$/.test(r.serviceDate) ||
        !/志愿服务站（淄博市.+）$/.test(r.place) ||
        !(r.servedParty && r.content && r.personInCharge) ||
        r.recordedAt > now
      );
    });
    expect(misfits).toEqual([]);
    expect(data.records[0]).toMatchObject({ servedParty: expect.any(String), personInCharge: expect.stringMatching(/^队长\d+$/) });
  });
});

describe('service requests', () => {
  it('are in every status of the loop, of both kinds, from signed-in and anonymous residents', () => {
    expect([...countBy(data.requests, (r) => r.status).keys()].sort()).toEqual([...REQUEST_STATUSES].sort());
    expect(new Set(data.requests.map((r) => r.kind))).toEqual(new Set(['SERVICE', 'MICRO_WISH']));
    for (const r of data.requests) {
      if (r.requesterSub) expect(r.requesterSub).toMatch(/^resident-\d+$/);
      else expect(r.contactPhone && r.trackingCode).toBeTruthy();
    }
    expect(data.requests.some((r) => r.requesterSub === null)).toBe(true);
  });

  it("have a history of legal steps, in time order, ending at the request's status and before now", () => {
    const ACTION: Record<string, ServiceRequestAction> = { DISPATCHED: 'DISPATCH', FUNDED: 'FUND', ACCEPTED: 'ACCEPT', COMPLETED: 'COMPLETE', RATED: 'RATE', CANCELLED: 'CANCEL' };
    const history = new Map<number, typeof data.events>();
    for (const e of data.events) (history.get(e.request) ?? history.set(e.request, []).get(e.request)!).push(e);
    data.requests.forEach((r, i) => {
      const steps = history.get(i)!;
      expect(steps[0]).toMatchObject({ fromStatus: null, toStatus: 'ORDERED', actorRole: 'RESIDENT', actor: r.requesterSub, at: r.orderedAt });
      for (let s = 1; s < steps.length; s += 1) {
        expect(steps[s].fromStatus).toBe(steps[s - 1].toStatus);
        expect(nextStatus(steps[s].fromStatus!, ACTION[steps[s].toStatus])).toBe(steps[s].toStatus);
        expect(steps[s].at).toBeGreaterThan(steps[s - 1].at);
      }
      expect(steps.at(-1)!.toStatus).toBe(r.status);
      expect(steps.at(-1)!.at).toBe(r.updatedAt);
      expect(r.updatedAt).toBeLessThan(now);
      const reached = new Set(steps.map((s) => s.toStatus));
      expect(r.teamId !== null).toBe(reached.has('DISPATCHED'));
      expect(r.fundingAmount !== null).toBe(reached.has('FUNDED'));
      expect(r.acceptedBy !== null).toBe(reached.has('ACCEPTED'));
      expect(r.rating !== null).toBe(r.status === 'RATED');
      if (r.acceptedBy) expect(facts.volunteers.find((v) => v.id === r.acceptedBy)?.teamIds).toContain(r.teamId);
    });
  });
});
