import type { ServiceDeps } from '@vg/service';
import { Random } from '@vg/random';
import type { CatalogueItemKind } from '../data/catalogue-item.entity';
import type { RedemptionPointKind } from '../data/redemption-point.entity';
import { RedemptionPointRepository, type NewRedemptionPoint } from '../data/redemption-point.repository';

const SEED = 20_240_603;

interface County {
  code: string;
  name: string;
  /** The county seat, where points cluster. */
  seat: readonly [lat: number, lng: number];
  /** How many of the demo points stand in it (about 300 in all). */
  points: number;
  streets: readonly string[];
}

/** Zibo's eight county-level divisions (GB/T 2260) with some of their streets and towns. */
export const COUNTIES: readonly County[] = [
  {
    code: '370303',
    name: '张店区',
    seat: [36.807, 118.048],
    points: 60,
    streets: ['车站街道', '和平街道', '公园街道', '体育场街道', '杏园街道', '科苑街道', '四宝山街道', '马尚街道', '湖田街道', '房镇镇'],
  },
  { code: '370302', name: '淄川区', seat: [36.643, 117.967], points: 45, streets: ['般阳路街道', '钟楼街道', '松龄路街道', '将军路街道', '洪山镇', '昆仑镇', '双杨镇', '寨里镇'] },
  { code: '370304', name: '博山区', seat: [36.495, 117.862], points: 30, streets: ['城东街道', '城西街道', '山头街道', '域城镇', '白塔镇', '八陡镇', '博山镇', '池上镇'] },
  { code: '370305', name: '临淄区', seat: [36.826, 118.309], points: 45, streets: ['闻韶街道', '雪宫街道', '辛店街道', '稷下街道', '齐陵街道', '齐都镇', '皇城镇', '敬仲镇'] },
  { code: '370306', name: '周村区', seat: [36.803, 117.87], points: 30, streets: ['丝绸路街道', '大街街道', '青年路街道', '永安街道', '城北路街道', '北郊镇', '王村镇', '南郊镇'] },
  { code: '370321', name: '桓台县', seat: [36.959, 118.098], points: 35, streets: ['索镇街道', '少海街道', '起凤镇', '田庄镇', '荆家镇', '马桥镇', '新城镇', '果里镇'] },
  { code: '370322', name: '高青县', seat: [37.171, 117.826], points: 25, streets: ['田镇街道', '芦湖街道', '木李镇', '青城镇', '高城镇', '黑里寨镇', '唐坊镇', '常家镇'] },
  { code: '370323', name: '沂源县', seat: [36.205, 118.171], points: 30, streets: ['历山街道', '南麻街道', '鲁村镇', '东里镇', '悦庄镇', '燕崖镇', '张家坡镇', '石桥镇'] },
];

/** The demo's extent (the brief's box around Zibo): generated points never leave it. */
export const DEMO_EXTENT = { minLat: 36.2, maxLat: 37.2, minLng: 117.6, maxLng: 118.6 } as const;

const COMMUNITIES = ['和平', '幸福', '兴华', '光明', '新村', '园丁', '阳光', '锦绣', '丰收', '振兴', '友谊', '康乐', '翠园', '怡景', '平安', '富民'];
const ROADS = ['人民路', '共青团路', '华光路', '柳泉路', '金晶大道', '中心路', '北京路', '新华街', '建设路', '青年路'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '周', '吴'];
const HOURS = ['08:00-20:00', '08:30-18:00', '09:00-17:00', '07:30-21:00', '周一至周六 08:30-17:30'];

/** Who runs a point: shops, supermarkets and market entities of the street. */
const OPERATORS: readonly ((street: string, community: string, surname: string) => string)[] = [
  (street) => `${street.replace(/(街道|镇)$/, '')}便民超市`,
  (_, community) => `${community}社区惠民超市`,
  (_, __, surname) => `${surname}记粮油店`,
  (street) => `银座便利店（${street.replace(/(街道|镇)$/, '')}店）`,
  (street) => `${street.replace(/(街道|镇)$/, '')}农贸市场服务中心`,
  (_, community) => `淄博${community}商贸有限公司`,
  (_, __, surname) => `${surname}师傅家电维修部`,
  (_, __, surname) => `${surname}氏理发店`,
];

type ItemSpec = readonly [name: string, kind: CatalogueItemKind, minCost: number, maxCost: number];

/** Goods (粮油, 日用品, 文具 …) and free services (服务免单), with their point costs. */
const GOODS: readonly ItemSpec[] = [
  ['大米（5kg）', 'GOODS', 80, 120],
  ['食用油（1.8L）', 'GOODS', 90, 140],
  ['挂面（1kg）', 'GOODS', 15, 25],
  ['鸡蛋（10枚）', 'GOODS', 20, 35],
  ['洗衣液（2kg）', 'GOODS', 40, 60],
  ['洗洁精', 'GOODS', 15, 25],
  ['牙膏', 'GOODS', 10, 20],
  ['毛巾', 'GOODS', 10, 20],
  ['卷纸（10卷）', 'GOODS', 25, 40],
  ['文具套装', 'GOODS', 20, 40],
  ['笔记本', 'GOODS', 5, 12],
  ['保温杯', 'GOODS', 50, 90],
  ['雨伞', 'GOODS', 30, 50],
];
const SERVICES: readonly ItemSpec[] = [
  ['理发', 'SERVICE', 20, 40],
  ['家电维修', 'SERVICE', 50, 100],
  ['磨刀', 'SERVICE', 5, 10],
  ['修鞋', 'SERVICE', 10, 20],
  ['配钥匙', 'SERVICE', 5, 10],
  ['缝补衣物', 'SERVICE', 10, 20],
  ['自行车维修', 'SERVICE', 10, 30],
];

export interface DemoCatalogueItem {
  name: string;
  kind: CatalogueItemKind;
  pointsCost: number;
  stock: number | null;
}

export interface DemoRedemptionPoint extends NewRedemptionPoint {
  catalogue: DemoCatalogueItem[];
}

/**
 * About 300 redemption points across the eight counties (deterministic for a seed): 美德超市 with
 * mostly goods and 爱心驿站 with mostly free services, each with 5–9 catalogue items. Names are
 * unique (county + street + community + kind).
 */
export function generateRedemptionPoints(seed = SEED): DemoRedemptionPoint[] {
  const random = Random.derive(seed, 'redemption-points');
  const out: DemoRedemptionPoint[] = [];
  const names = new Set<string>();
  for (const county of COUNTIES) {
    while (out.filter((p) => p.regionCode === county.code).length < county.points) {
      const kind: RedemptionPointKind = random.chance(0.55) ? 'VIRTUE_SUPERMARKET' : 'LOVE_STATION';
      const street = random.pick(county.streets);
      const community = random.pick(COMMUNITIES);
      const name = `${county.name}${street}${community}社区${kind === 'VIRTUE_SUPERMARKET' ? '美德超市' : '爱心驿站'}`;
      if (names.has(name)) continue;
      names.add(name);
      const lat = clamp(county.seat[0] + (random.next() - 0.5) * 0.12, DEMO_EXTENT.minLat, DEMO_EXTENT.maxLat);
      const lng = clamp(county.seat[1] + (random.next() - 0.5) * 0.14, DEMO_EXTENT.minLng, DEMO_EXTENT.maxLng);
      out.push({
        name,
        kind,
        operator: random.pick(OPERATORS)(street, community, random.pick(SURNAMES)),
        lat: Math.round(lat * 1e5) / 1e5,
        lng: Math.round(lng * 1e5) / 1e5,
        address: `淄博市${county.name}${street}${random.pick(ROADS)}${random.int(1, 299)}号`,
        regionCode: county.code,
        openingHours: random.pick(HOURS),
        catalogue: catalogueFor(random, kind),
      });
    }
  }
  return out;
}

function catalogueFor(random: Random, kind: RedemptionPointKind): DemoCatalogueItem[] {
  const [goods, services] = kind === 'VIRTUE_SUPERMARKET' ? [random.int(5, 7), random.int(0, 2)] : [random.int(2, 3), random.int(3, 5)];
  return [...random.sample(GOODS, goods), ...random.sample(SERVICES, services)].map(([name, itemKind, min, max]) => ({
    name,
    kind: itemKind,
    pointsCost: random.int(min, max),
    // Goods are counted; a service is unlimited, or a few free slots a month.
    stock: itemKind === 'GOODS' ? random.int(5, 200) : random.chance(0.5) ? null : random.int(5, 30),
  }));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Writes the demo redemption points and their catalogues (two set-based statements), only when
 * there are none yet; concurrent seeders are serialised by an advisory lock, so one of them writes.
 */
export async function seedRedemptionPoints(deps: ServiceDeps<unknown>): Promise<{ redemptionPoints: number; catalogueItems: number }> {
  return deps.dataSource.transaction(async (manager) => {
    await manager.query(`/* lockRedemptionPointSeed */ SELECT pg_advisory_xact_lock(hashtextextended('seed:redemption-points', 0))`);
    const repo = new RedemptionPointRepository(manager);
    if (await repo.any()) return { redemptionPoints: 0, catalogueItems: 0 };
    const points = generateRedemptionPoints();
    const ids = await repo.insertPoints(points);
    const catalogueItems = await repo.insertItems(points.flatMap((p, i) => p.catalogue.map((item) => ({ ...item, pointId: ids[i] }))));
    return { redemptionPoints: ids.length, catalogueItems };
  });
}
