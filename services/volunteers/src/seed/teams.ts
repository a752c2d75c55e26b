import { Random } from '@vg/random';
import { type RegionLevel, type RegionRow, ZIBO_CITY, ZIBO_COUNTIES } from './regions';

/** One demo team; `parent` is an index into the same list, always of an earlier team. */
export interface DemoTeam {
  name: string;
  level: RegionLevel;
  regionCode: string;
  parent: number | null;
  description: string | null;
}

/** Regional brand teams (from the city's 2024 report); placed in a plausible home town. */
const BRAND_TEAMS: readonly { name: string; county: string; town: string; description: string }[] = [
  { name: '城市星光志愿服务队', county: '370303', town: '车站街道', description: '快递员、网约配送员等新就业群体参与“随手拍”“顺手带”的志愿服务队' },
  { name: '齐有爱志愿服务队', county: '370305', town: '闻韶街道', description: '“齐有爱”区域志愿服务品牌队伍' },
  { name: '焦桐花开志愿服务队', county: '370304', town: '博山镇', description: '传承焦裕禄精神的“焦桐花开”区域志愿服务品牌队伍' },
  { name: '沂源红志愿服务队', county: '370323', town: '历山街道', description: '“沂源红”区域志愿服务品牌队伍' },
];
const TOWN_THEMES = ['巾帼', '青年', '党员先锋', '银龄', '应急救援', '法律服务', '医疗健康', '文明交通'];
const VILLAGE_THEMES = ['', '党员', '巾帼', '青年', '银龄', '红色楼长', '邻里守望', '护学岗', '助老', '环境卫生'];
const ORDINALS = ['', '', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * `count` teams forming one tree: the city's volunteer federation first, then one federation per
 * county (up to 8), then town teams (about 45% of the rest: a 新时代文明实践 team per chosen
 * town, the regional brand teams, then themed teams) and village teams under their town's team.
 * Every team's region matches its level, every parent comes before its children, and names are
 * unique within a region (the table's constraint). Depends only on the arguments.
 */
export function generateTeams(seed: number, count: number, regions: readonly RegionRow[]): DemoTeam[] {
  if (count === 0) return [];
  const random = Random.derive(seed, 'teams');
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const names = new UniqueNames();
  const teams: DemoTeam[] = [];
  const add = (team: Omit<DemoTeam, 'name'>, name: string): number => teams.push({ ...team, name: names.claim(team.regionCode, name) }) - 1;

  add({ level: 'CITY', regionCode: ZIBO_CITY.code, parent: null, description: '全市志愿服务组织的枢纽型联合组织' }, '淄博市志愿服务联合会');
  const countyTeam = new Map<string, number>();
  for (const county of ZIBO_COUNTIES.slice(0, count - 1)) {
    countyTeam.set(county.code, add({ level: 'COUNTY', regionCode: county.code, parent: 0, description: null }, `${county.name}志愿服务联合会`));
  }

  const rest = count - teams.length;
  const townCount = Math.round(rest * 0.45);
  const towns = regions.filter((r) => r.level === 'TOWN' && countyTeam.has(r.code.slice(0, 6)));
  const brands = BRAND_TEAMS.filter((b) => countyTeam.has(b.county)).slice(0, Math.floor(townCount / 5));
  const standardTowns = random.sample(towns, Math.min(townCount - brands.length, towns.length));
  const townTeam = new Map<string, number>();
  for (const town of standardTowns) {
    const countyName = byCode.get(town.parentCode ?? '')?.name ?? '';
    const parent = countyTeam.get(town.code.slice(0, 6)) ?? 0;
    townTeam.set(town.code, add({ level: 'TOWN', regionCode: town.code, parent, description: null }, `${countyName}${town.name}新时代文明实践志愿服务队`));
  }
  for (const brand of brands) {
    const town = towns.find((t) => t.code.startsWith(brand.county) && t.name === brand.town);
    if (!town) throw new Error(`brand team ${brand.name}: no town ${brand.town} in ${brand.county}`);
    add({ level: 'TOWN', regionCode: town.code, parent: countyTeam.get(brand.county) ?? 0, description: brand.description }, brand.name);
  }
  while (teams.length < 1 + countyTeam.size + townCount) {
    const town = random.pick(towns);
    add({ level: 'TOWN', regionCode: town.code, parent: countyTeam.get(town.code.slice(0, 6)) ?? 0, description: null }, `${town.name}${random.pick(TOWN_THEMES)}志愿服务队`);
  }

  // Village teams sit in villages whose town has a team to report to, when there are any.
  const villages = regions.filter((r) => r.level === 'VILLAGE' && countyTeam.has(r.code.slice(0, 6)));
  const underTownTeams = villages.filter((v) => townTeam.has(v.code.slice(0, 9)));
  const villageOrder = random.shuffle(underTownTeams.length > 0 ? underTownTeams : villages);
  for (let i = 0; teams.length < count; i += 1) {
    const village = villageOrder[i % villageOrder.length];
    const parent = townTeam.get(village.code.slice(0, 9)) ?? countyTeam.get(village.code.slice(0, 6)) ?? 0;
    add({ level: 'VILLAGE', regionCode: village.code, parent, description: null }, `${village.name}${random.pick(VILLAGE_THEMES)}志愿服务队`);
  }
  return teams;
}

/** Names unique per region: the name as given, then `…二队`, `…三队`, … for a repeat. */
class UniqueNames {
  private readonly taken = new Set<string>();

  claim(regionCode: string, name: string): string {
    for (let n = 1; ; n += 1) {
      const candidate = n === 1 ? name : name.replace(/队$/, `${ordinal(n)}队`) + (name.endsWith('队') ? '' : `（${n}）`);
      const key = `${regionCode}|${candidate}`;
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return candidate;
      }
    }
  }
}

/** 二…九, then Arabic numerals (only reached with thousands of teams in one village). */
function ordinal(n: number): string {
  return n < ORDINALS.length ? ORDINALS[n] : String(n);
}
