import { parseIdNumber } from '@vg/standards';
import { PHONE_PATTERN } from '../domain/pii';
import { dayNumber } from './dates';
import { generateDemoData } from './generate';
import { ZIBO_COUNTIES } from './regions';
import { SKILLS } from './volunteers';

const data = generateDemoData();
const regionByCode = new Map(data.regions.map((r) => [r.code, r]));
const COUNTY_CODES = ZIBO_COUNTIES.map((c) => c.code);

/** Great-circle distance in metres. */
function haversine(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6371000 * Math.asin(Math.sqrt(a));
}

/** The codes of a region's parent, grandparent, … up to the city. */
function ancestors(code: string): string[] {
  const codes: string[] = [];
  for (let r = regionByCode.get(code); r?.parentCode; r = regionByCode.get(r.parentCode)) codes.push(r.parentCode);
  return codes;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('generateDemoData', () => {
  it('is deterministic: the same seed gives byte-identical rows, another seed other people', () => {
    const again = generateDemoData();
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    const other = generateDemoData({ seed: 7 });
    expect(other.volunteers[0].idNumber).not.toBe(data.volunteers[0].idNumber);
    expect(other.regions).toEqual(data.regions); // the region tree never depends on the seed
  });

  it('draws each part from its own stream: more stations leave volunteers and teams as they were', () => {
    const more = generateDemoData({ stations: 100 });
    expect(more.volunteers).toEqual(data.volunteers);
    expect(more.teams).toEqual(data.teams);
    expect(more.stations.slice(0, 29).map((s) => s.name)).toEqual(data.stations.slice(0, 29).map((s) => s.name));
  });

  it('makes the requested numbers of rows', () => {
    expect([data.volunteers.length, data.teams.length, data.stations.length]).toEqual([2000, 60, 40]);
  });

  it('refuses impossible options, and shrinks only the default team count to what volunteers can lead', () => {
    expect(() => generateDemoData({ volunteers: -1 })).toThrow(RangeError);
    expect(() => generateDemoData({ stations: 1.5 })).toThrow(RangeError);
    expect(() => generateDemoData({ volunteers: 10, teams: 31 })).toThrow(/can lead at most 30/);
    const none = generateDemoData({ volunteers: 0 });
    expect([none.teams.length, none.memberships.length, none.stations.length]).toEqual([0, 0, 40]);
    expect(none.stations.every((s) => s.team === null)).toBe(true);
  });
});

describe('regions', () => {
  it('is the city, its 8 counties, their towns and 4–8 villages per town, parents first', () => {
    const levels = countBy(data.regions, (r) => r.level);
    expect([levels.get('CITY'), levels.get('COUNTY')]).toEqual([1, 8]);
    expect(data.regions.filter((r) => r.level === 'COUNTY').map((r) => `${r.code} ${r.name}`)).toEqual([
      '370302 淄川区',
      '370303 张店区',
      '370304 博山区',
      '370305 临淄区',
      '370306 周村区',
      '370321 桓台县',
      '370322 高青县',
      '370323 沂源县',
    ]);
    expect(new Set(data.regions.map((r) => r.code)).size).toBe(data.regions.length);
    const seen = new Set<string>();
    for (const r of data.regions) {
      if (r.parentCode !== null) expect(seen.has(r.parentCode)).toBe(true);
      seen.add(r.code);
    }
  });

  it('gives towns 9-digit and villages 12-digit codes under their parent; 街道 hold 社区, 镇 hold 村', () => {
    for (const r of data.regions.filter((x) => x.level === 'TOWN')) {
      expect(r.code).toMatch(/^\d{9}$/);
      expect(r.code.startsWith(r.parentCode ?? 'none')).toBe(true);
      expect(regionByCode.get(r.parentCode ?? '')?.level).toBe('COUNTY');
    }
    const villagesPerTown = countBy(
      data.regions.filter((x) => x.level === 'VILLAGE'),
      (v) => v.parentCode ?? '',
    );
    for (const r of data.regions.filter((x) => x.level === 'VILLAGE')) {
      const town = regionByCode.get(r.parentCode ?? '');
      expect(r.code).toMatch(/^\d{12}$/);
      expect(town?.level).toBe('TOWN');
      expect(r.code.startsWith(town?.code ?? 'none')).toBe(true);
      expect(r.name).toMatch(town?.name.endsWith('街道') ? /社区$/ : /村$/);
    }
    for (const count of villagesPerTown.values()) expect(count).toBeGreaterThanOrEqual(4);
    for (const count of villagesPerTown.values()) expect(count).toBeLessThanOrEqual(8);
    expect(regionByCode.get('370303001')?.name).toBe('车站街道');
  });
});

describe('volunteers', () => {
  it('have valid, unique ID numbers from a Zibo county, born 1950–2008, matching gender and birth date', () => {
    expect(new Set(data.volunteers.map((v) => v.idNumber)).size).toBe(data.volunteers.length);
    for (const v of data.volunteers) {
      const parsed = parseIdNumber(v.idNumber);
      if (typeof parsed === 'string') throw new Error(`${v.idNumber} ${parsed}`);
      expect(COUNTY_CODES).toContain(parsed.areaCode);
      expect(parsed.birthDate >= '1950-01-01' && parsed.birthDate <= '2008-12-31').toBe(true);
      expect([parsed.gender, parsed.birthDate]).toEqual([v.gender, v.birthDate]);
    }
  });

  it('have valid, unique mobile numbers', () => {
    expect(new Set(data.volunteers.map((v) => v.phone)).size).toBe(data.volunteers.length);
    for (const v of data.volunteers) expect(v.phone).toMatch(PHONE_PATTERN);
  });

  it('live in a town or village, mostly in the county of their ID number', () => {
    for (const v of data.volunteers) expect(['TOWN', 'VILLAGE']).toContain(regionByCode.get(v.regionCode)?.level);
    const home = data.volunteers.filter((v) => v.regionCode.slice(0, 6) === v.idNumber.slice(0, 6)).length;
    expect(home / data.volunteers.length).toBeGreaterThan(0.85);
  });

  it('registered 2015–2024 aged 14 or more, with 0–3 distinct skills, almost all ACTIVE', () => {
    for (const v of data.volunteers) {
      expect(v.registeredAt).toMatch(/^20(1[5-9]|2[0-4])-\d\d-\d\dT\d\d:\d\d:00\+08:00$/);
      expect(dayNumber(v.registeredAt.slice(0, 10)) - dayNumber(v.birthDate)).toBeGreaterThanOrEqual(14 * 365);
      expect(v.skills.length).toBeLessThanOrEqual(3);
      expect(new Set(v.skills).size).toBe(v.skills.length);
      for (const s of v.skills) expect(SKILLS).toContain(s);
    }
    const statuses = countBy(data.volunteers, (v) => v.status);
    expect(statuses.get('SUSPENDED')).toBeGreaterThan(0);
    expect(statuses.get('ACTIVE')).toBeGreaterThan(data.volunteers.length * 0.95);
  });
});

describe('teams', () => {
  it("form one tree over the four levels, each team in a region of its level inside its parent's region", () => {
    const levels = countBy(data.teams, (t) => t.level);
    expect([levels.get('CITY'), levels.get('COUNTY')]).toEqual([1, 8]);
    expect(levels.get('TOWN')).toBeGreaterThan(10);
    expect(levels.get('VILLAGE')).toBeGreaterThan(10);
    const rank = { CITY: 0, COUNTY: 1, TOWN: 2, VILLAGE: 3 } as const;
    data.teams.forEach((t, i) => {
      expect(regionByCode.get(t.regionCode)?.level).toBe(t.level);
      if (t.level === 'CITY') return expect(t.parent).toBeNull();
      const parent = data.teams[t.parent ?? -1];
      expect(t.parent).toBeLessThan(i);
      expect(rank[parent.level]).toBeLessThan(rank[t.level]);
      expect(ancestors(t.regionCode)).toContain(parent.regionCode);
    });
    expect(new Set(data.teams.map((t) => `${t.regionCode}|${t.name}`)).size).toBe(data.teams.length);
    expect(data.teams.map((t) => t.name)).toEqual(expect.arrayContaining(['淄博市志愿服务联合会', '城市星光志愿服务队', '沂源红志愿服务队']));
  });

  it('each have exactly one leader and 10–60 members; nobody twice in a team or in more than three', () => {
    expect(new Set(data.memberships.map((m) => `${m.team}|${m.volunteer}`)).size).toBe(data.memberships.length);
    const leaders = countBy(
      data.memberships.filter((m) => m.role === 'LEADER'),
      (m) => String(m.team),
    );
    const members = countBy(
      data.memberships.filter((m) => m.role === 'MEMBER'),
      (m) => String(m.team),
    );
    data.teams.forEach((_, t) => {
      expect(leaders.get(String(t))).toBe(1);
      expect(members.get(String(t))).toBeGreaterThanOrEqual(10);
      expect(members.get(String(t))).toBeLessThanOrEqual(60);
    });
    for (const n of countBy(data.memberships, (m) => String(m.volunteer)).values()) expect(n).toBeLessThanOrEqual(3);
    for (const m of data.memberships) expect(m.joinedAt >= data.volunteers[m.volunteer].registeredAt.slice(0, 10)).toBe(true);
  });
});

describe('stations', () => {
  it('include at least 4 within 1,000 m of central Zhangdian (36.81, 118.05)', () => {
    const near = data.stations.filter((s) => haversine(36.81, 118.05, s.lat, s.lng) <= 1000);
    expect(near.length).toBeGreaterThanOrEqual(4);
  });

  it('lie inside Zibo, in a town or village, of all six kinds, each run by a team of its county or the city', () => {
    expect(new Set(data.stations.map((s) => s.kind)).size).toBe(6);
    for (const s of data.stations) {
      expect(s.lat).toBeGreaterThanOrEqual(35.9);
      expect(s.lat).toBeLessThanOrEqual(37.3);
      expect(s.lng).toBeGreaterThanOrEqual(117.6);
      expect(s.lng).toBeLessThanOrEqual(118.9);
      expect(['TOWN', 'VILLAGE']).toContain(regionByCode.get(s.regionCode)?.level);
      expect(s.openingHours).toMatch(/^\d\d:\d\d-\d\d:\d\d$/);
      const team = data.teams[s.team ?? -1];
      expect(team.level === 'CITY' || team.regionCode.slice(0, 6) === s.regionCode.slice(0, 6)).toBe(true);
    }
  });
});
