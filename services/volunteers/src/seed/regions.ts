import { Random } from '@vg/random';

export type RegionLevel = 'CITY' | 'COUNTY' | 'TOWN' | 'VILLAGE';

/** One row of the `regions` table. */
export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

export interface CountyData {
  /** GB/T 2260 code. */
  code: string;
  name: string;
  /** Sub-districts (街道) first, then towns (镇), by their real names. */
  towns: readonly string[];
}

export const ZIBO_CITY = { code: '370300', name: '淄博市' } as const;

/** Zibo's eight county-level divisions and their towns and sub-districts. */
export const ZIBO_COUNTIES: readonly CountyData[] = [
  {
    code: '370302',
    name: '淄川区',
    towns: ['般阳路街道', '松龄路街道', '钟楼街道', '将军路街道', '昆仑镇', '岭子镇', '西河镇', '龙泉镇', '寨里镇', '罗村镇', '洪山镇', '双杨镇', '太河镇'],
  },
  {
    code: '370303',
    name: '张店区',
    towns: ['车站街道', '公园街道', '和平街道', '科苑街道', '体育场街道', '杏园街道', '马尚街道', '湖田街道', '四宝山街道', '房镇镇', '傅家镇', '中埠镇', '沣水镇'],
  },
  {
    code: '370304',
    name: '博山区',
    towns: ['城东街道', '城西街道', '山头街道', '域城镇', '白塔镇', '八陡镇', '石马镇', '源泉镇', '池上镇', '博山镇'],
  },
  {
    code: '370305',
    name: '临淄区',
    towns: ['闻韶街道', '雪宫街道', '辛店街道', '稷下街道', '齐陵街道', '齐都镇', '皇城镇', '敬仲镇', '朱台镇', '凤凰镇', '金岭回族镇'],
  },
  {
    code: '370306',
    name: '周村区',
    towns: ['丝绸路街道', '大街街道', '青年路街道', '永安街道', '城北路街道', '北郊镇', '南郊镇', '王村镇', '萌水镇'],
  },
  {
    code: '370321',
    name: '桓台县',
    towns: ['索镇街道', '少海街道', '起凤镇', '田庄镇', '荆家镇', '马桥镇', '新城镇', '唐山镇', '果里镇'],
  },
  {
    code: '370322',
    name: '高青县',
    towns: ['田镇街道', '芦湖街道', '青城镇', '高城镇', '黑里寨镇', '唐坊镇', '常家镇', '花沟镇', '木李镇'],
  },
  {
    code: '370323',
    name: '沂源县',
    towns: ['历山街道', '南麻街道', '鲁村镇', '大张庄镇', '南鲁山镇', '燕崖镇', '中庄镇', '张家坡镇', '石桥镇', '东里镇', '悦庄镇', '西里镇'],
  },
];

// Generated village and community names: stems that are common in Shandong place names.
const COMMUNITY_STEMS = [
  '和平',
  '幸福',
  '东风',
  '华光',
  '金晶',
  '新华',
  '丽景',
  '锦绣',
  '兴华',
  '东方',
  '富源',
  '嘉园',
  '翠苑',
  '春晖',
  '阳光',
  '紫园',
  '桂花',
  '青年',
  '友谊',
  '光明',
  '民主',
  '振华',
  '康乐',
  '泰和',
  '荣华',
  '明珠',
  '花园',
  '文化',
  '绿城',
  '鑫城',
  '柳泉',
  '新村',
];
const VILLAGE_HEADS = [
  '东',
  '西',
  '南',
  '北',
  '前',
  '后',
  '大',
  '小',
  '上',
  '下',
  '新',
  '王家',
  '李家',
  '张家',
  '孙家',
  '刘家',
  '马家',
  '韩家',
  '于家',
  '崔家',
  '石家',
  '柳',
  '杨',
  '桑',
  '杏',
  '石',
  '河',
  '泉',
  '青',
  '黄',
];
const VILLAGE_TAILS = ['庄', '峪', '店', '坡', '河', '泉', '岭', '埠', '寨', '官庄', '营', '洼', '沟', '楼', '屯', '桥'];

/** Villages are generated from this fixed seed: the tree never depends on a demo-data seed. */
const REGION_SEED = 370300;

/**
 * The whole region tree, parents before children: the city, its 8 counties (GB/T 2260 codes),
 * their towns (9 digits: county code + 001… for 街道, 100… for 镇, as the statistics bureau
 * numbers them — the real codes differ), and 4–8 generated villages or communities per town
 * (12 digits: town code + 001… for 社区, 201… for 村). The same rows, in the same order, every call.
 */
export function regionRows(): RegionRow[] {
  const rows: RegionRow[] = [{ code: ZIBO_CITY.code, name: ZIBO_CITY.name, level: 'CITY', parentCode: null }];
  for (const county of ZIBO_COUNTIES) {
    rows.push({ code: county.code, name: county.name, level: 'COUNTY', parentCode: ZIBO_CITY.code });
  }
  for (const county of ZIBO_COUNTIES) {
    for (const town of townRows(county)) {
      rows.push(town);
      rows.push(...villageRows(town));
    }
  }
  return rows;
}

/** A county's towns with their 9-digit codes. */
export function townRows(county: CountyData): RegionRow[] {
  let subDistricts = 0;
  let towns = 0;
  return county.towns.map((name) => {
    const suffix = isSubDistrict(name) ? 1 + subDistricts++ : 100 + towns++;
    return { code: county.code + String(suffix).padStart(3, '0'), name, level: 'TOWN', parentCode: county.code };
  });
}

/** A 街道 (urban sub-district) has communities; a 镇 has villages. */
export function isSubDistrict(townName: string): boolean {
  return townName.endsWith('街道');
}

function villageRows(town: RegionRow): RegionRow[] {
  const random = Random.derive(REGION_SEED, town.code);
  const urban = isSubDistrict(town.name);
  const count = random.int(4, 8);
  const names = new Set<string>();
  while (names.size < count) {
    if (urban) {
      names.add(`${random.pick(COMMUNITY_STEMS)}社区`);
    } else {
      const [head, tail] = [random.pick(VILLAGE_HEADS), random.pick(VILLAGE_TAILS)];
      if (!head.endsWith(tail[0])) names.add(`${head}${tail}村`); // no 河河村
    }
  }
  return [...names].map((name, i) => ({
    code: town.code + String((urban ? 1 : 201) + i).padStart(3, '0'),
    name,
    level: 'VILLAGE',
    parentCode: town.code,
  }));
}
