import { Random } from '@vg/random';
import { type RegionRow, ZIBO_COUNTIES } from './regions';
import type { DemoTeam } from './teams';

/** The "six into" places where stations stand. */
export type StationKind = 'SCENIC_SPOT' | 'STREET_MARKET' | 'CULTURAL_VENUE' | 'TRANSPORT_HUB' | 'PARK_SQUARE' | 'COMMUNITY';

/** One demo station; `team` is an index into the generated teams (null when there are none). */
export interface DemoStation {
  name: string;
  kind: StationKind;
  lat: number;
  lng: number;
  address: string;
  /** A TOWN or VILLAGE in the station's county. */
  regionCode: string;
  openingHours: string;
  team: number | null;
}

/** Zibo's extent, a little inside the real boundary: generated points never leave it. */
export const ZIBO_EXTENT = { minLat: 35.95, maxLat: 37.25, minLng: 117.65, maxLng: 118.85 } as const;

const HOURS: Record<StationKind, string> = {
  SCENIC_SPOT: '08:00-18:00',
  STREET_MARKET: '07:00-19:00',
  CULTURAL_VENUE: '09:00-17:00',
  TRANSPORT_HUB: '06:00-22:00',
  PARK_SQUARE: '06:00-21:00',
  COMMUNITY: '08:30-17:30',
};

/** Approximate centres of the county seats, where generated stations cluster. */
const COUNTY_SEATS: Record<string, readonly [lat: number, lng: number]> = {
  '370302': [36.643, 117.967],
  '370303': [36.807, 118.048],
  '370304': [36.495, 117.862],
  '370305': [36.826, 118.309],
  '370306': [36.803, 117.87],
  '370321': [36.959, 118.098],
  '370322': [37.171, 117.826],
  '370323': [36.185, 118.171],
};

type Place = readonly [place: string, kind: StationKind, county: string, town: string, lat: number, lng: number];

/**
 * Real places with approximate coordinates (a few hundred metres out at most, by intent). The
 * first five lie within 1 km of central Zhangdian (36.81, 118.05), so a 15-minute walking circle
 * there finds several stations.
 */
const PLACES: readonly Place[] = [
  ['八大局便民市场', 'STREET_MARKET', '370303', '车站街道', 36.8072, 118.0518],
  ['淄博站', 'TRANSPORT_HUB', '370303', '车站街道', 36.8046, 118.0532],
  ['人民公园', 'PARK_SQUARE', '370303', '公园街道', 36.8148, 118.0447],
  ['华光路银座商圈', 'STREET_MARKET', '370303', '和平街道', 36.8118, 118.0536],
  ['和平街道党群服务中心', 'COMMUNITY', '370303', '和平街道', 36.8131, 118.0561],
  ['周村古商城', 'SCENIC_SPOT', '370306', '大街街道', 36.799, 117.865],
  ['齐文化博物院', 'CULTURAL_VENUE', '370305', '齐都镇', 36.856, 118.337],
  ['蒲松龄故居', 'SCENIC_SPOT', '370302', '洪山镇', 36.631, 118.037],
  ['淄博汽车总站', 'TRANSPORT_HUB', '370303', '杏园街道', 36.7935, 118.055],
  ['体育场街道全民健身广场', 'PARK_SQUARE', '370303', '体育场街道', 36.803, 118.0385],
  ['淄博市文化中心', 'CULTURAL_VENUE', '370303', '科苑街道', 36.796, 118.07],
  ['东周殉马坑', 'SCENIC_SPOT', '370305', '齐都镇', 36.885, 118.357],
  ['管仲纪念馆', 'CULTURAL_VENUE', '370305', '齐陵街道', 36.8, 118.35],
  ['淄川服装城', 'STREET_MARKET', '370302', '般阳路街道', 36.654, 117.966],
  ['梓橦山公园', 'PARK_SQUARE', '370302', '钟楼街道', 36.64, 117.952],
  ['潭溪山景区', 'SCENIC_SPOT', '370302', '太河镇', 36.52, 118.14],
  ['颜文姜祠', 'SCENIC_SPOT', '370304', '城西街道', 36.497, 117.848],
  ['原山国家森林公园', 'SCENIC_SPOT', '370304', '城东街道', 36.493, 117.88],
  ['焦裕禄纪念馆', 'CULTURAL_VENUE', '370304', '博山镇', 36.38, 117.9],
  ['鲁山国家森林公园', 'SCENIC_SPOT', '370304', '池上镇', 36.31, 118.05],
  ['周村烧饼博物馆', 'CULTURAL_VENUE', '370306', '大街街道', 36.801, 117.862],
  ['马踏湖风景区', 'SCENIC_SPOT', '370321', '起凤镇', 37.03, 118.05],
  ['王渔洋纪念馆', 'CULTURAL_VENUE', '370321', '新城镇', 36.99, 117.97],
  ['少海公园', 'PARK_SQUARE', '370321', '少海街道', 36.95, 118.09],
  ['千乘湖生态文化公园', 'PARK_SQUARE', '370322', '田镇街道', 37.17, 117.83],
  ['大芦湖风景区', 'SCENIC_SPOT', '370322', '芦湖街道', 37.12, 117.73],
  ['沂河公园', 'PARK_SQUARE', '370323', '历山街道', 36.183, 118.17],
  ['沂源汽车站', 'TRANSPORT_HUB', '370323', '南麻街道', 36.19, 118.16],
  ['牛郎织女景区', 'SCENIC_SPOT', '370323', '燕崖镇', 36.12, 118.25],
];

/** Generated stations beyond the real places: mostly community stations in villages. */
const GENERATED_KINDS: readonly (readonly [kind: StationKind, nameInfix: string, building: string])[] = [
  ['COMMUNITY', '', '党群服务中心'],
  ['COMMUNITY', '新时代文明实践', '新时代文明实践站'],
  ['COMMUNITY', '', '党群服务中心'],
  ['PARK_SQUARE', '文化广场', '文化广场'],
  ['STREET_MARKET', '便民市场', '便民市场'],
];

/**
 * `count` stations: the real places above first (in that order), then generated stations in
 * villages around each county seat. Each is run by a team from its town, else its county's
 * federation, else the city's. Coordinates stay inside `ZIBO_EXTENT`; depends only on the arguments.
 */
export function generateStations(seed: number, count: number, regions: readonly RegionRow[], teams: readonly DemoTeam[]): DemoStation[] {
  const random = Random.derive(seed, 'stations');
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const operator = teamChooser(random, teams);
  const stations: DemoStation[] = [];

  for (const [place, kind, county, townName, lat, lng] of PLACES.slice(0, count)) {
    const town = regions.find((r) => r.level === 'TOWN' && r.parentCode === county && r.name === townName);
    if (!town) throw new Error(`station ${place}: no town ${townName} in ${county}`);
    const address = `淄博市${byCode.get(county)?.name ?? ''}${place.startsWith(townName) ? '' : townName}${place}`;
    stations.push({ name: `${place}志愿服务站`, kind, lat, lng, address, regionCode: town.code, openingHours: HOURS[kind], team: operator(town.code) });
  }

  const villages = regions.filter((r) => r.level === 'VILLAGE');
  const seen = new Map<string, number>();
  while (stations.length < count) {
    const village = random.pick(villages);
    const town = byCode.get(village.code.slice(0, 9));
    const county = ZIBO_COUNTIES.find((c) => village.code.startsWith(c.code));
    const [kind, infix, building] = random.pick(GENERATED_KINDS);
    const base = `${village.name}${infix}`;
    const n = (seen.get(village.code + base) ?? 0) + 1;
    seen.set(village.code + base, n);
    const name = n === 1 ? `${base}志愿服务站` : `${base}第${n}志愿服务站`;
    const [seatLat, seatLng] = COUNTY_SEATS[county?.code ?? ''];
    stations.push({
      name,
      kind,
      lat: clampRound(seatLat + (random.next() - 0.5) * 0.12, ZIBO_EXTENT.minLat, ZIBO_EXTENT.maxLat),
      lng: clampRound(seatLng + (random.next() - 0.5) * 0.14, ZIBO_EXTENT.minLng, ZIBO_EXTENT.maxLng),
      address: `淄博市${county?.name ?? ''}${town?.name ?? ''}${village.name}${building}`,
      regionCode: village.code,
      openingHours: HOURS[kind],
      team: operator(village.code.slice(0, 9)),
    });
  }
  return stations;
}

/** For a town code: a random team of that town (or its villages), else the county's, else the city's. */
function teamChooser(random: Random, teams: readonly DemoTeam[]): (townCode: string) => number | null {
  const byTown = new Map<string, number[]>();
  const byCounty = new Map<string, number>();
  teams.forEach((team, i) => {
    if (team.level === 'COUNTY') byCounty.set(team.regionCode, i);
    if (team.level === 'TOWN' || team.level === 'VILLAGE') {
      const town = team.regionCode.slice(0, 9);
      const list = byTown.get(town);
      if (list) list.push(i);
      else byTown.set(town, [i]);
    }
  });
  return (townCode) => {
    const local = byTown.get(townCode);
    if (local) return random.pick(local);
    return byCounty.get(townCode.slice(0, 6)) ?? (teams.length > 0 ? 0 : null);
  };
}

/** Clamped to [min, max] and rounded to 6 decimals (≈ 0.1 m), so rows print the same everywhere. */
function clampRound(value: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, value)) * 1e6) / 1e6;
}
