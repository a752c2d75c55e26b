import { createHash } from 'node:crypto';
import { idNumberCheckChar, makeCreditCode } from '@vg/standards';
import { seedRegions } from '@vg/volunteers';
import { builders, dataOf } from './builders';
import { OrdersRegisterEnterpriseDocument, OrdersRegisterSocialOrganizationDocument } from './generated/partnerships-orders';
import { LoopOrderServiceDocument } from './generated/service-requests';
import { ADMIN, enrol, itemFor, registerPeople, type Person } from './insurer';
import { ORDER_INPUT, PHONE as RESIDENT_PHONE } from './service-requests';
import { startStack, type Stack } from './testkit';

/**
 * What an attacker holding a dump of every database and every log line learns: no full ID number
 * or phone anywhere, no unkeyed hash of one, and no ID number rebuilt from what is stored in the
 * clear (region, birth date, gender, masked fragments) — the attack that once rebuilt all 18
 * digits from a masked number plus the birth date. See docs/personal-data.md.
 */

/** One row of one table of one subgraph's database, column → value as text. */
interface DumpedRow {
  database: string;
  table: string;
  values: Record<string, string>;
}

/** Every row of every table of every subgraph database, as text (what pg_dump would give). */
async function dumpEverything(stack: Stack): Promise<DumpedRow[]> {
  const rows: DumpedRow[] = [];
  for (const [database, { db }] of Object.entries(stack.subgraphs)) {
    const tables: { schema: string; name: string }[] = await db.dataSource.query(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    for (const { schema, name } of tables) {
      const dumped: { row: Record<string, unknown> }[] = await db.dataSource.query(`SELECT to_jsonb(t) AS row FROM "${schema}"."${name}" t`);
      for (const { row } of dumped) {
        const values = Object.fromEntries(Object.entries(row).map(([column, value]) => [column, typeof value === 'string' ? value : JSON.stringify(value)]));
        rows.push({ database, table: `${schema}.${name}`, values });
      }
    }
  }
  return rows;
}

/** What the dump says about one person's ID number, column by column, as an attacker reads it. */
interface Clues {
  birthDate?: string;
  birthYear?: string;
  gender?: 'MALE' | 'FEMALE';
  /** 18-character fragments with `*` for the hidden characters (370303********1234). */
  masked: string[];
}

function cluesFrom(rows: DumpedRow[]): Clues {
  const clues: Clues = { masked: [] };
  for (const { values } of rows) {
    for (const [column, value] of Object.entries(values)) {
      if (/^[\dX*]{18}$/i.test(value) && value.includes('*')) clues.masked.push(value.toUpperCase());
      if (/birth|born/i.test(column) && /^\d{4}-\d{2}-\d{2}/.test(value)) clues.birthDate = value.slice(0, 10);
      if (/birth|born/i.test(column) && /^\d{4}$/.test(value)) clues.birthYear = value;
      if (/gender|sex/i.test(column) && /^(MALE|FEMALE)$/.test(value)) clues.gender = value as Clues['gender'];
    }
  }
  return clues;
}

/**
 * The attacker's reconstruction: every 18-character number with the given area code (the attacker
 * is granted it: the region is stored and the masked display shows it) whose birth date, sequence
 * parity and characters agree with the clues and whose GB 11643 check character is right. Counted
 * up to `cap` (more than enough to say "not rebuildable").
 */
export function candidateCount(area: string, clues: Clues, cap: number): number {
  let count = 0;
  const today = Date.now();
  for (let day = Date.UTC(1900, 0, 1); day <= today; day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (clues.birthDate && date !== clues.birthDate) continue;
    if (clues.birthYear && !date.startsWith(clues.birthYear)) continue;
    const prefix = area + date.replaceAll('-', '');
    if (clues.masked.some((m) => [...prefix].some((c, i) => m[i] !== '*' && m[i] !== c))) continue;
    for (let sequence = 0; sequence < 1000; sequence += 1) {
      if (clues.gender && (sequence % 2 === 1 ? 'MALE' : 'FEMALE') !== clues.gender) continue;
      const first17 = prefix + String(sequence).padStart(3, '0');
      const candidate = first17 + idNumberCheckChar(first17);
      if (clues.masked.some((m) => [...candidate].some((c, i) => m[i] !== '*' && m[i] !== c))) continue;
      count += 1;
      if (count >= cap) return count;
    }
  }
  return count;
}

const unkeyedHashes = (value: string) =>
  ['sha256', 'sha1', 'md5'].flatMap((algorithm) => [value, `id:${value}`, `phone:${value}`].map((input) => createHash(algorithm).update(input, 'utf8').digest('hex')));

let stack: Stack;
let people: Person[];
const VOLUNTEER_PHONE = '19105337788';
const ENTERPRISE_PHONE = '13905331234';
const ORGANISATION_PHONE = '15805339876';

beforeAll(async () => {
  stack = await startStack({ captureLogs: true });
  await seedRegions(stack.volunteers.db.dataSource);
  const world = builders(stack);
  // A volunteer with an ID number and a phone; and volunteers the insurer enrols by ID number.
  const withPhone = await world.volunteer({ phone: VOLUNTEER_PHONE });
  const insured = await registerPeople(stack, 7, 3);
  people = [{ id: withPhone.id, volunteerNo: withPhone.volunteerNo, name: withPhone.name, idNumber: withPhone.idNumber }, ...insured];
  const batch = await enrol(
    stack,
    'PII-AT-REST-1',
    insured.map((p, i) => itemFor(p, `PAR-${i}`)),
  );
  expect(dataOf(batch).enrolVolunteers.results.map((r) => r.status)).toEqual(['ENROLLED', 'ENROLLED', 'ENROLLED']);
  // A resident's anonymous request with a phone, an enterprise and an organisation with contacts.
  dataOf(await stack.query(LoopOrderServiceDocument, { input: ORDER_INPUT }), 'ordering a service');
  const enterprise = { name: '淄博隐私化工有限公司', creditCode: makeCreditCode('91370303MA3C8P001'), regionCode: '370303', contactName: '王伟', contactPhone: ENTERPRISE_PHONE };
  dataOf(await stack.query(OrdersRegisterEnterpriseDocument, { input: enterprise }, ADMIN), 'registering an enterprise');
  const organisation = {
    name: '张店区隐私服务中心',
    creditCode: makeCreditCode('52370303MA3C8P002'),
    regionCode: '370303',
    serviceTypes: ['MENTAL_HEALTH' as const],
    contactName: '李娜',
    contactPhone: ORGANISATION_PHONE,
  };
  dataOf(await stack.query(OrdersRegisterSocialOrganizationDocument, { input: organisation }, ADMIN), 'registering an organisation');
}, 120_000);

afterAll(() => stack?.stop());

describe('personal data at rest and in logs', () => {
  let dump: DumpedRow[];
  let text: string;
  beforeAll(async () => {
    dump = await dumpEverything(stack);
    text = [...dump.map((r) => JSON.stringify(r.values)), ...stack.logs()].join('\n');
  });

  it('dumps the rows the test wrote and the logs the stack produced (so the searches below mean something)', () => {
    for (const p of people) expect(text).toContain(p.volunteerNo);
    expect(dump.some((r) => r.table === 'public.service_requests')).toBe(true);
    expect(dump.some((r) => r.table === 'public.enterprises')).toBe(true);
    expect(dump.some((r) => r.table === 'public.enrolments')).toBe(true);
    expect(stack.logs().some((line) => line.includes('registerVolunteer') || line.includes('insertVolunteer'))).toBe(true);
  });

  it('holds no full ID number or phone, nor an unkeyed hash of one', () => {
    const squeezed = text.replace(/[\s-]/g, '');
    for (const secret of [...people.map((p) => p.idNumber), VOLUNTEER_PHONE, RESIDENT_PHONE, ENTERPRISE_PHONE, ORGANISATION_PHONE]) {
      expect(squeezed).not.toContain(secret);
      for (const hash of unkeyedHashes(secret)) expect(text).not.toContain(hash);
    }
  });

  it('stores no masked form of anything: no column named *_masked in any database (masks are derived when read)', async () => {
    const masked: string[] = [];
    for (const [database, { db }] of Object.entries(stack.subgraphs)) {
      const columns: { name: string }[] = await db.dataSource.query(
        `SELECT table_schema || '.' || table_name || '.' || column_name AS name FROM information_schema.columns
         WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND column_name LIKE '%\\_masked'`,
      );
      masked.push(...columns.map((c) => `${database}: ${c.name}`));
    }
    expect(Object.keys(stack.subgraphs)).toHaveLength(5);
    expect(masked).toEqual([]);
  });

  it('leaves more than 1,000 candidates for every ID number, whatever the stored columns are combined with', () => {
    const rebuildable = people.flatMap((p) => {
      // Every row that names the volunteer, in any database: by id or by volunteer number.
      const linked = dump.filter(
        ({ table, values }) =>
          (table === 'public.volunteers' && values.id === p.id) ||
          Object.entries(values).some(([column, value]) => (/volunteer_id$/.test(column) && value === p.id) || (/volunteer_no$/.test(column) && value === p.volunteerNo)),
      );
      expect(linked.some((r) => r.table === 'public.volunteers')).toBe(true);
      const candidates = candidateCount(p.idNumber.slice(0, 6), cluesFrom(linked), 10_000);
      return candidates > 1000 ? [] : [{ volunteerNo: p.volunteerNo, candidates }];
    });
    expect(rebuildable).toEqual([]);
  });
});

describe('the attack itself', () => {
  it('rebuilds a number from a masked number and a birth date (what the old columns allowed)', () => {
    const idNumber = people[0].idNumber;
    const clues = { birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`, masked: [`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`] };
    expect(candidateCount(idNumber.slice(0, 6), clues, 10_000)).toBeLessThanOrEqual(10);
  });
});
