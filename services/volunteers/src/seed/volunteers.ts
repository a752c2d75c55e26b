import { beijingTimestamp, dayNumber, firstDayOf, isoDay } from './dates';
import { IdNumberAllocator, PhoneAllocator } from './identities';
import { type Gender, personName } from './names';
import { mix32, Random, weightedPicker } from '@vg/random';
import { type RegionRow, ZIBO_COUNTIES } from './regions';

export type VolunteerStatus = 'ACTIVE' | 'SUSPENDED';

/** One demo volunteer, with personal data in the clear (it is protected when written). */
export interface DemoVolunteer {
  name: string;
  gender: Gender;
  /** `YYYY-MM-DD`, the date encoded in the ID number. */
  birthDate: string;
  /** Valid per GB 11643; area code is one of Zibo's counties. */
  idNumber: string;
  /** 11-digit mainland mobile number. */
  phone: string;
  /** A TOWN or VILLAGE code, usually in the county of the ID number. */
  regionCode: string;
  skills: readonly string[];
  /** ISO timestamp with +08:00, 2015–2024. */
  registeredAt: string;
  status: VolunteerStatus;
}

export const SKILLS: readonly string[] = [
  '急救',
  '心理疏导',
  '法律咨询',
  '医疗护理',
  '摄影',
  '驾驶',
  '外语',
  '手语',
  '文艺演出',
  '教育辅导',
  '电脑维修',
  '理发',
  '家电维修',
  '应急救援',
  '文明引导',
  '环境保护',
  '助老服务',
  '政策宣讲',
];

/** Residents per county, in ten thousands (roughly the 2020 census): where volunteers live. */
const COUNTY_WEIGHTS = [67, 103, 42, 64, 38, 50, 36, 53];

/** Birth decades, weighted towards students, working-age parents and the newly retired. */
const BIRTH_BANDS = (
  [
    [1950, 1959, 12],
    [1960, 1969, 18],
    [1970, 1979, 20],
    [1980, 1989, 20],
    [1990, 1999, 15],
    [2000, 2008, 15],
  ] as const
).map(([first, last, weight]) => ({ firstDay: firstDayOf(first), lastDay: firstDayOf(last + 1) - 1, weight }));

const FIRST_REGISTRATION = dayNumber('2015-01-01');
const LAST_REGISTRATION = dayNumber('2024-12-31');
const MINIMUM_AGE_DAYS = 5114; // 14 years

/**
 * `count` volunteers drawn from `seed` and living in `regions`' towns and villages. ID numbers and
 * phone numbers are unique across the set by construction; the result depends only on the
 * arguments. Costs about a microsecond per volunteer.
 */
export function generateVolunteers(seed: number, count: number, regions: readonly RegionRow[]): DemoVolunteer[] {
  const random = Random.derive(seed, 'volunteers');
  const places = placesByCounty(regions);
  const ids = new IdNumberAllocator(
    mix32(seed, 'idNumbers'),
    ZIBO_COUNTIES.map((c) => c.code),
    firstDayOf(1950),
    dayNumber('2008-12-31'),
  );
  const phones = new PhoneAllocator(mix32(seed, 'phones'));
  const pickCounty = weightedPicker(
    ZIBO_COUNTIES.map((_, i) => i),
    COUNTY_WEIGHTS,
  );
  const pickBand = weightedPicker(
    BIRTH_BANDS,
    BIRTH_BANDS.map((band) => band.weight),
  );
  const pickSkillCount = weightedPicker([0, 1, 2, 3], [30, 35, 25, 10]);

  const volunteers: DemoVolunteer[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const gender: Gender = random.chance(0.55) ? 'FEMALE' : 'MALE';
    const name = personName(random, gender);
    const homeCounty = pickCounty(random);
    const band = pickBand(random);
    const bornOn = random.int(band.firstDay, band.lastDay);
    const { idNumber, day: birthDay } = ids.allocate(homeCounty, bornOn, gender);
    const livesIn = random.chance(0.92) ? homeCounty : pickCounty(random);
    const { villages, towns } = places[livesIn];
    const regionCode = random.chance(0.85) ? random.pick(villages) : random.pick(towns);
    const old = birthDay + MINIMUM_AGE_DAYS;
    const registeredOn = random.int(old > FIRST_REGISTRATION ? old : FIRST_REGISTRATION, LAST_REGISTRATION);
    volunteers[i] = {
      name,
      gender,
      birthDate: isoDay(birthDay),
      idNumber,
      phone: phones.allocate(random),
      regionCode,
      skills: pickSkills(random, pickSkillCount(random)),
      registeredAt: beijingTimestamp(registeredOn, random.int(7 * 60, 22 * 60 + 59)),
      status: random.chance(0.01) ? 'SUSPENDED' : 'ACTIVE',
    };
  }
  return volunteers;
}

const NO_SKILLS: readonly string[] = Object.freeze([]);

/** `count` (0–3) distinct skills, in an array of exactly that length (`push` would reserve 17 slots). */
function pickSkills(random: Random, count: number): readonly string[] {
  if (count === 0) return NO_SKILLS;
  const a = random.pick(SKILLS);
  if (count === 1) return [a];
  let b = random.pick(SKILLS);
  while (b === a) b = random.pick(SKILLS);
  if (count === 2) return [a, b];
  let c = random.pick(SKILLS);
  while (c === a || c === b) c = random.pick(SKILLS);
  return [a, b, c];
}

/** Town and village codes of each county, in `ZIBO_COUNTIES` order. */
function placesByCounty(regions: readonly RegionRow[]): { towns: string[]; villages: string[] }[] {
  return ZIBO_COUNTIES.map((county) => {
    const inCounty = regions.filter((r) => r.code.startsWith(county.code));
    return {
      towns: inCounty.filter((r) => r.level === 'TOWN').map((r) => r.code),
      villages: inCounty.filter((r) => r.level === 'VILLAGE').map((r) => r.code),
    };
  });
}
