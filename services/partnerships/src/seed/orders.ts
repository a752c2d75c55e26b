import { localDate } from '@vg/config';
import { FieldCipher } from '@vg/crypto';
import { sql } from '@vg/db';
import { Random } from '@vg/random';
import type { ServiceDeps } from '@vg/service';
import { CREDIT_CODE_ALPHABET, makeCreditCode } from '@vg/standards';
import type { EntityManager } from 'typeorm';
import type { PartnershipOrderStatus } from '../data/partnership-order.entity';
import { PARTNERSHIP_SERVICE_TYPES, type PartnershipServiceType } from '../data/social-organization.entity';
import type { VolunteersSource } from '../data/volunteers.client';

const COUNTIES: readonly [code: string, name: string][] = [
  ['370302', '淄川区'],
  ['370303', '张店区'],
  ['370304', '博山区'],
  ['370305', '临淄区'],
  ['370306', '周村区'],
  ['370321', '桓台县'],
  ['370322', '高青县'],
  ['370323', '沂源县'],
];
const WORDS = ['鲁泰', '齐鲁', '金诚', '华信', '宏达', '恒远', '东岳', '瑞丰', '新华', '博汇', '汇丰', '正大', '天成', '鑫源', '海通', '明珠', '泰和', '佳诚', '长城', '盛世'];
const INDUSTRIES = ['化工', '陶瓷', '机械', '纺织', '医药', '建材', '电子', '物流', '食品', '琉璃', '新材料', '汽车配件'];
const TYPE_NAMES: Record<PartnershipServiceType, string> = {
  MENTAL_HEALTH: '心理健康',
  FIRST_AID_TRAINING: '应急救护',
  LEGAL_CONSULTING: '法律援助',
  EMPLOYMENT_GUIDANCE: '就业指导',
  SAFETY_TRAINING: '安全生产',
  OCCUPATIONAL_HEALTH: '职业健康',
  FAMILY_EDUCATION: '家庭教育',
  CULTURAL_ACTIVITIES: '文化服务',
};
const ORG_KINDS = ['服务中心', '志愿服务协会', '社会工作服务社', '公益服务中心', '促进会'];
const SURNAMES = ['王', '张', '李', '刘', '陈', '杨', '赵', '孙', '周', '吴', '徐', '马'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '霞'];
const PLACES = ['职工之家', '一号会议室', '培训中心', '食堂二楼', '车间休息区', '办公楼报告厅'];
/** Status mix of the demo orders: most done and rated, every state present. */
const STATUS_WEIGHTS: readonly (readonly [PartnershipOrderStatus, number])[] = [
  ['ORDERED', 8],
  ['DISPATCHED', 7],
  ['ACCEPTED', 7],
  ['SCHEDULED', 8],
  ['DELIVERED', 15],
  ['RATED', 45],
  ['CANCELLED', 10],
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface OrdersSeedOptions {
  enterprises?: number;
  socialOrganizations?: number;
  orders?: number;
  /** Volunteers asked of the volunteers subgraph (pages of 100). */
  volunteers?: number;
  now?: Date;
  seed?: number;
}

/** The first page(s) of volunteers of the volunteers subgraph: ACTIVE ones' ids. */
export async function seedVolunteerIds(source: VolunteersSource, wanted: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  while (ids.length < wanted) {
    const data: { volunteers: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; status: string } }[] } } = await source.request(
      'query SeedPartnershipVolunteers($after: String) { volunteers(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id status } } } }',
      { after },
    );
    ids.push(...data.volunteers.edges.filter((e) => e.node.status === 'ACTIVE').map((e) => e.node.id));
    if (!data.volunteers.pageInfo.hasNextPage) break;
    after = data.volunteers.pageInfo.endCursor;
  }
  return ids.slice(0, wanted);
}

/** A valid credit code: registration authority + category, the division, a 9-character code from `n`, the check character. */
function creditCode(prefix: string, division: string, n: number, random: Random): string {
  let code = '';
  for (let v = n, i = 0; i < 4; i += 1, v = Math.floor(v / 31)) code = CREDIT_CODE_ALPHABET[v % 31] + code;
  for (let i = 0; i < 5; i += 1) code += CREDIT_CODE_ALPHABET[random.int(0, 30)];
  return makeCreditCode(`${prefix}${division}${code}`);
}

interface OrgRow {
  id: number;
  name: string;
  creditCode: string;
  regionCode: string;
  address: string;
  contactName: string;
  phone: string;
  serviceTypes?: PartnershipServiceType[];
}

/**
 * Demo enterprises, social organisations (each with 5–30 volunteers of the volunteers subgraph)
 * and partnership orders in every state with consistent histories and durations; delivered and
 * rated orders name who served (partnership_services with no service record yet: the outbox
 * writes them to the projects subgraph after the seed). Writes only into an empty database;
 * deterministic for a seed and `now`.
 */
export async function seedOrganizationsAndOrders(deps: Pick<ServiceDeps<unknown>, 'dataSource' | 'clients' | 'secrets' | 'logger'>, options: OrdersSeedOptions = {}): Promise<object> {
  const [{ count }] = await deps.dataSource.query(sql('seedEnterprisesCount', 'SELECT count(*)::int AS count FROM enterprises'));
  if (count > 0) return { enterprises: 'kept' };
  const { enterprises: enterpriseCount = 300, socialOrganizations: organizationCount = 80, orders: orderCount = 1500, volunteers: volunteerCount = 600, now = new Date(), seed = 9 } = options;
  const random = new Random(seed);
  const cipher = new FieldCipher(deps.secrets.piiEncryptionKey);
  const volunteerIds = await seedVolunteerIds(deps.clients.volunteers, volunteerCount);
  const person = () => random.pick(SURNAMES) + random.pick(GIVEN) + (random.chance(0.5) ? random.pick(GIVEN) : '');
  const phone = () => `1${random.pick(['3', '5', '7', '8'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;

  const enterprises: OrgRow[] = [];
  const names = new Set<string>();
  for (let i = 1; i <= enterpriseCount; i += 1) {
    const [code, county] = random.pick(COUNTIES);
    // 淄博XX化工有限公司; a name already taken gets the county (淄博XX临淄化工有限公司), then a number.
    let name = `淄博${random.pick(WORDS)}${random.pick(INDUSTRIES)}有限公司`;
    if (names.has(name)) name = name.replace(/^淄博(..)/, `淄博$1${county.slice(0, 2)}`);
    if (names.has(name)) name = name.replace('有限公司', `${i}有限公司`);
    names.add(name);
    enterprises.push({
      id: i,
      name,
      creditCode: creditCode('91', code, i, random),
      regionCode: code,
      address: `${county}${random.pick(WORDS)}路${random.int(1, 300)}号`,
      contactName: person(),
      phone: phone(),
    });
  }
  const organizations: OrgRow[] = [];
  for (let i = 1; i <= organizationCount; i += 1) {
    const [code, county] = COUNTIES[(i - 1) % COUNTIES.length];
    const serviceTypes = random.sample(PARTNERSHIP_SERVICE_TYPES, random.int(1, 3));
    organizations.push({
      id: i,
      name: `${county}${TYPE_NAMES[serviceTypes[0]]}${ORG_KINDS[Math.floor((i - 1) / COUNTIES.length) % ORG_KINDS.length]}${i > COUNTIES.length * ORG_KINDS.length ? i : ''}`,
      creditCode: creditCode('52', code, i, random),
      regionCode: code,
      address: `${county}${random.pick(WORDS)}街${random.int(1, 200)}号`,
      contactName: person(),
      phone: phone(),
      serviceTypes,
    });
  }
  const members = new Map(organizations.map((o) => [o.id, volunteerIds.length ? random.sample(volunteerIds, Math.min(volunteerIds.length, random.int(5, 30))) : []]));

  const orders: unknown[][] = [];
  const events: unknown[][] = [];
  const services: unknown[][] = [];
  const centre = (code: string) => (random.chance(0.5) ? 'centre-dispatcher-1' : `federation-${code}`);
  for (let id = 1; id <= orderCount; id += 1) {
    const enterprise = random.pick(enterprises);
    const status = random.weighted(STATUS_WEIGHTS);
    const serviceType = random.pick(PARTNERSHIP_SERVICE_TYPES);
    const open = status === 'ORDERED' || status === 'DISPATCHED' || status === 'ACCEPTED' || status === 'SCHEDULED';
    // Open orders were placed in the last three weeks and are wanted soon; done ones over the last 18 months.
    const orderedAt = new Date(now.getTime() - (open || status === 'CANCELLED' ? random.int(1, 20 * 24) * HOUR : random.int(45, 540) * DAY));
    const wantedFrom = open ? localDate(new Date(now.getTime() + random.int(2, 30) * DAY)) : localDate(new Date(orderedAt.getTime() + random.int(10, 25) * DAY));
    const wantedTo = localDate(new Date(Date.parse(`${wantedFrom}T00:00:00Z`) + random.int(0, 14) * DAY));
    const candidates = organizations.filter((o) => o.serviceTypes!.includes(serviceType));
    const local = candidates.filter((o) => o.regionCode === enterprise.regionCode);
    const events0: [string | null, string, string, string, string, string | null, Date][] = [];
    const actorOf = `enterprise-${enterprise.id}`;
    events0.push([null, 'ORDERED', 'ORDER', actorOf, 'ENTERPRISE', null, orderedAt]);
    let at = orderedAt;
    let organization: OrgRow | null = null;
    let acceptedAt: Date | null = null;
    let scheduledAt: Date | null = null;
    let deliveredOn: string | null = null;
    let rating: number | null = null;
    let comment: string | null = null;
    const later = (minH: number, maxH: number) => (at = new Date(Math.min(at.getTime() + random.int(minH, maxH) * HOUR, now.getTime() - HOUR)));
    const dispatch = () => {
      organization = random.pick(local.length && random.chance(0.7) ? local : candidates.length ? candidates : organizations);
      events0.push(['ORDERED', 'DISPATCHED', 'DISPATCH', centre(enterprise.regionCode), 'CENTRE_DISPATCHER', null, later(1, 48)]);
    };
    const cancelled = status === 'CANCELLED' && random.chance(0.4);
    if (status !== 'ORDERED' && !(status === 'CANCELLED' && !cancelled)) {
      dispatch();
      if (status !== 'CANCELLED' && random.chance(0.15)) {
        events0.push(['DISPATCHED', 'ORDERED', 'DECLINE', `organization-${organization!.id}`, 'SOCIAL_ORGANIZATION', '本周人手不足，无法按期服务', later(2, 48)]);
        dispatch();
      }
    }
    if (status === 'CANCELLED') {
      const from = organization ? 'DISPATCHED' : 'ORDERED';
      const byEnterprise = random.chance(0.6);
      events0.push([
        from,
        'CANCELLED',
        'CANCEL',
        byEnterprise ? actorOf : centre(enterprise.regionCode),
        byEnterprise ? 'ENTERPRISE' : 'CENTRE_DISPATCHER',
        byEnterprise ? '企业安排调整，暂不需要' : '企业联系不上',
        later(2, 72),
      ]);
    }
    const step = ['ACCEPTED', 'SCHEDULED', 'DELIVERED', 'RATED'].indexOf(status);
    if (step >= 0) {
      acceptedAt = later(1, 72);
      events0.push(['DISPATCHED', 'ACCEPTED', 'ACCEPT', `organization-${organization!.id}`, 'SOCIAL_ORGANIZATION', null, acceptedAt]);
    }
    if (step >= 1) {
      const day = random.int(0, Math.round((Date.parse(`${wantedTo}T00:00:00Z`) - Date.parse(`${wantedFrom}T00:00:00Z`)) / DAY));
      scheduledAt = new Date(Date.parse(`${wantedFrom}T00:00:00+08:00`) + day * DAY + random.pick([9, 10, 14, 15]) * HOUR);
      events0.push(['ACCEPTED', 'SCHEDULED', 'SCHEDULE', `organization-${organization!.id}`, 'SOCIAL_ORGANIZATION', null, later(1, 72)]);
    }
    if (step >= 2) {
      deliveredOn = localDate(scheduledAt!);
      at = new Date(scheduledAt!.getTime() + random.int(3, 10) * HOUR);
      events0.push(['SCHEDULED', 'DELIVERED', 'DELIVER', `organization-${organization!.id}`, 'SOCIAL_ORGANIZATION', null, at]);
      const served = random.sample(members.get(organization!.id) ?? [], Math.min(random.int(1, 8), enterprise.id % 7 === 0 ? 3 : 8));
      for (const volunteerId of served) services.push([id, volunteerId, random.int(2, 16) / 2, at]);
    }
    if (step >= 3) {
      rating = random.weighted([
        [5, 60],
        [4, 28],
        [3, 8],
        [2, 3],
        [1, 1],
      ] as const);
      comment = rating >= 4 ? random.pick(['服务专业，职工反响很好', '讲解细致，受益匪浅', '非常满意，希望常来']) : random.pick([null, '时间安排有些仓促']);
      events0.push(['DELIVERED', 'RATED', 'RATE', actorOf, 'ENTERPRISE', comment, later(2, 120)]);
    }
    const typeName = TYPE_NAMES[serviceType];
    const headcount = random.int(3, 40);
    const org = organization as OrgRow | null;
    orders.push([
      id,
      enterprise.id,
      serviceType,
      `${typeName}进企业`,
      `为职工开展${typeName}志愿服务`,
      wantedFrom,
      wantedTo,
      headcount,
      random.pick(PLACES),
      enterprise.regionCode,
      status,
      status === 'ORDERED' ? null : (org?.id ?? null),
      scheduledAt,
      deliveredOn,
      rating,
      comment,
      orderedAt,
      acceptedAt,
      at,
    ]);
    for (const e of events0) events.push([id, ...e]);
  }

  await deps.dataSource.transaction(async (manager) => {
    await insertOrganizations(manager, 'enterprises', enterprises, cipher);
    await insertOrganizations(manager, 'social_organizations', organizations, cipher);
    const pairs = [...members].flatMap(([organizationId, ids]) => ids.map((v) => [organizationId, v]));
    await manager.query(sql('seedOrganizationVolunteers', 'INSERT INTO organization_volunteers (organization_id, volunteer_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])'), [
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ]);
    for (let i = 0; i < orders.length; i += 500) {
      const chunk = orders.slice(i, i + 500);
      const col = (k: number) => chunk.map((row) => row[k]);
      await manager.query(
        sql(
          'seedPartnershipOrders',
          `INSERT INTO partnership_orders (id, enterprise_id, service_type, title, description, wanted_from, wanted_to, headcount, place, region_code, status, social_organization_id,
             scheduled_at, delivered_on, rating, rating_comment, ordered_at, accepted_at, created_at, updated_at)
           OVERRIDING SYSTEM VALUE
           SELECT id, e, t, ti, d, wf, wt, h, p, r, s, o, sa, dl, ra, rc, oa, aa, oa, u
             FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::int[], $9::text[], $10::text[], $11::text[], $12::bigint[],
                         $13::timestamptz[], $14::date[], $15::smallint[], $16::text[], $17::timestamptz[], $18::timestamptz[], $19::timestamptz[])
                  AS x(id, e, t, ti, d, wf, wt, h, p, r, s, o, sa, dl, ra, rc, oa, aa, u)`,
        ),
        Array.from({ length: 19 }, (_, k) => col(k)),
      );
    }
    for (let i = 0; i < events.length; i += 2000) {
      const chunk = events.slice(i, i + 2000);
      const col = (k: number) => chunk.map((row) => row[k]);
      await manager.query(
        sql(
          'seedPartnershipOrderEvents',
          `INSERT INTO partnership_order_events (order_id, from_status, to_status, action, actor_sub, actor_role, note, at)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])`,
        ),
        Array.from({ length: 8 }, (_, k) => col(k)),
      );
    }
    const col = (k: number) => services.map((row) => row[k]);
    await manager.query(
      sql('seedPartnershipServices', 'INSERT INTO partnership_services (order_id, volunteer_id, hours, created_at) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::numeric[], $4::timestamptz[])'),
      [col(0), col(1), col(2), col(3)],
    );
    for (const table of ['enterprises', 'social_organizations', 'partnership_orders']) {
      await manager.query(sql('seedResetIdentity', `SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`));
    }
  });
  const result = { enterprises: enterprises.length, socialOrganizations: organizations.length, partnershipOrders: orders.length, partnershipServices: services.length };
  deps.logger.info(result, 'seed: enterprises, social organisations and partnership orders');
  return result;
}

async function insertOrganizations(manager: EntityManager, table: 'enterprises' | 'social_organizations', rows: OrgRow[], cipher: FieldCipher): Promise<void> {
  const withTypes = table === 'social_organizations';
  await manager.query(
    sql(
      `seed_${table}`,
      `INSERT INTO ${table} (id, name, credit_code, region_code, address, contact_name, contact_phone_encrypted${withTypes ? ', service_types' : ''})
       OVERRIDING SYSTEM VALUE
       SELECT id, n, c, r, a, cn, pe${withTypes ? ", string_to_array(st, ',')" : ''}
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bytea[]${withTypes ? ', $8::text[]' : ''}) AS x(id, n, c, r, a, cn, pe${withTypes ? ', st' : ''})`,
    ),
    [
      rows.map((r) => r.id),
      rows.map((r) => r.name),
      rows.map((r) => r.creditCode),
      rows.map((r) => r.regionCode),
      rows.map((r) => r.address),
      rows.map((r) => r.contactName),
      rows.map((r) => cipher.encrypt(r.phone)),
      ...(withTypes ? [rows.map((r) => r.serviceTypes!.join(','))] : []),
    ],
  );
}
