import { isWellFormedIdNumber, makeIdNumber } from '@vg/standards';
import { Pii, seedVolunteersDatabase } from '@vg/volunteers';
import { dataOf } from './builders';
import type { EnrolmentItemStatus, EnrolmentRejection } from './generated/insurance';
import { EnrolmentBatchIdDocument, EnrolmentOutcomesAsTheInsurerAsksDocument, SuspendedVolunteerStatusDocument } from './generated/insurance-enrolment';
import { ADMIN, addDays, CITY_PLAN, enrol, INSURER, itemFor, registerPeople, revealActiveVolunteers, type Item, type Person } from './insurer';
import { startStack, type Stack, type TokenFor } from './testkit';

let stack: Stack;
/** Volunteers registered with known ID numbers. */
let people: Person[];
/** Seeded volunteers; their ID numbers as the volunteers subgraph shows them to ADMIN. */
let seeded: Person[];

const insuranceDb = () => stack.insurance.db.dataSource;
const count = async (table: string): Promise<number> => {
  const [{ n }]: { n: number }[] = await insuranceDb().query(`SELECT count(*)::int AS n FROM ${table}`);
  return n;
};

beforeAll(async () => {
  stack = await startStack();
  await seedVolunteersDatabase(stack.volunteers.db.dataSource, new Pii(stack.secrets.piiKeys), { volunteers: 1400 });
  const [all, registered] = await Promise.all([revealActiveVolunteers(stack), registerPeople(stack, 0, 200)]);
  // (The listing may include some just registered: the seed's volunteers were born before 2009.)
  [seeded, people] = [all.filter((v) => v.idNumber.slice(6, 10) < '2009'), registered];
}, 60_000);
afterAll(() => stack?.stop());

describe('who may enrol', () => {
  it('refuses everyone but the insurer, writing nothing', async () => {
    const items = [itemFor(people[199], 'PX-1')];
    for (const as of [ADMIN, { roles: ['DATA_STAFF'] }, { roles: ['VOLUNTEER'], volunteerId: people[199].id }, undefined] satisfies (TokenFor | undefined)[]) {
      const response = as ? await enrol(stack, 'B-FORBIDDEN', items, as) : await stack.query(EnrolmentBatchIdDocument, { input: { batchId: 'x', planCode: CITY_PLAN, items: [] } });
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect([await count('enrolments'), await count('enrolment_batches')]).toEqual([0, 0]);
  });

  it('refuses a batch that is wrong as a whole, naming the field, writing nothing', async () => {
    const one = [itemFor(people[199], 'PX-2')];
    const tooMany = Array.from({ length: 1001 }, (_, i) => itemFor(seeded[i % 1000], `PX-${i}`));
    const cases: [string, string, Item[], string][] = [
      ['B-TOO-MANY', CITY_PLAN, tooMany, 'input.items'],
      ['B-EMPTY', CITY_PLAN, [], 'input.items'],
      ['B-NO-PLAN', 'NO-SUCH-PLAN', one, 'input.planCode'],
      ['not a batch id!', CITY_PLAN, one, 'input.batchId'],
    ];
    for (const [batchId, planCode, items, field] of cases) {
      const { errors } = await enrol(stack, batchId, items, INSURER, planCode);
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect([await count('enrolments'), await count('enrolment_batches')]).toEqual([0, 0]);
  });
});

describe('a batch of 500 mixed items', () => {
  it('answers each item right: enrolled, already enrolled, unknown, wrong ID number or name, duplicate, bad period, suspended', async () => {
    // 40 volunteers already covered for the first half of 2025.
    const pre = dataOf(
      await enrol(
        stack,
        'B-PRE',
        people.slice(0, 40).map((p, i) => itemFor(p, `P2025-PRE-${i}`, '2025-01-01', '2025-06-30')),
      ),
    );
    expect(pre.enrolVolunteers.enrolledCount).toBe(40);
    const preIds = pre.enrolVolunteers.results.map((r) => r.enrolment?.id);
    // 10 suspended by an admin.
    for (const p of people.slice(180, 190)) {
      const { errors } = await stack.query(SuspendedVolunteerStatusDocument, { id: p.id }, ADMIN);
      expect(errors).toBeUndefined();
    }

    type Expected = [status: EnrolmentItemStatus, reason: EnrolmentRejection | null];
    const cases: { item: Item; expected: Expected; person?: Person; alreadyId?: string }[] = [];
    const add = (item: Item, expected: Expected, extra: { person?: Person; alreadyId?: string } = {}) => cases.push({ item, expected, ...extra });
    // Valid: 100 volunteers registered here, 150 from the seed.
    [...people.slice(40, 140), ...seeded.slice(1130, 1280)].forEach((p, i) => add(itemFor(p, `P2025-${i}`), ['ENROLLED', null], { person: p }));
    people.slice(0, 40).forEach((p, i) => add(itemFor(p, `P2025-OVERLAP-${i}`, '2025-03-01', '2026-02-28'), ['ALREADY_ENROLLED', null], { alreadyId: preIds[i] }));
    for (let i = 0; i < 60; i += 1) add({ ...itemFor(people[0], `P2025-UNKNOWN-${i}`), volunteerNo: `ZB9${String(9_000_000 + i)}` }, ['REJECTED', 'UNKNOWN_VOLUNTEER']);
    // Another (valid) ID number than the registered one.
    seeded.slice(0, 40).forEach((v, i) => add({ ...itemFor(v, `P2025-WRONGID-${i}`), idNumber: makeIdNumber('370304', addDays('1980-01-01', i), 123) }, ['REJECTED', 'IDENTITY_MISMATCH']));
    people.slice(140, 160).forEach((p, i) => add({ ...itemFor(p, `P2025-WRONGNAME-${i}`), name: `${p.name}明` }, ['REJECTED', 'IDENTITY_MISMATCH']));
    people.slice(40, 90).forEach((p, i) => add(itemFor(p, `P2025-DUP-${i}`, '2025-06-01', '2026-05-31'), ['REJECTED', 'DUPLICATE_IN_BATCH']));
    people.slice(160, 170).forEach((p, i) => add(itemFor(p, `P2025-BACKWARDS-${i}`, '2025-05-01', '2025-04-30'), ['REJECTED', 'INVALID_PERIOD']));
    people.slice(170, 180).forEach((p, i) => add(itemFor(p, `P2025-LONG-${i}`, '2025-01-01', '2026-01-01'), ['REJECTED', 'INVALID_PERIOD']));
    people.slice(180, 190).forEach((p, i) => add(itemFor(p, `P2025-SUSP-${i}`), ['REJECTED', 'VOLUNTEER_SUSPENDED']));
    people.slice(190, 200).forEach((p, i) => add({ ...itemFor(p, `P2025-BADID-${i}`), idNumber: p.idNumber.slice(0, 17) + (p.idNumber[17] === '0' ? '1' : '0') }, ['REJECTED', 'INVALID_ID_NUMBER']));
    expect(cases).toHaveLength(500);
    // A fixed shuffle; each duplicate then goes somewhere after the item it repeats.
    const [duplicates, others] = [cases.filter((c) => c.expected[1] === 'DUPLICATE_IN_BATCH'), cases.filter((c) => c.expected[1] !== 'DUPLICATE_IN_BATCH')];
    const mixed = others
      .map((c, i) => ({ c, key: (i * 7919) % others.length }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.c);
    duplicates.forEach((d, k) => {
      const original = mixed.findIndex((m) => m.item.volunteerNo === d.item.volunteerNo);
      mixed.splice(original + 1 + ((k * 37) % (mixed.length - original)), 0, d);
    });

    const { enrolVolunteers: batch } = dataOf(
      await enrol(
        stack,
        'B-MIXED-500',
        mixed.map((c) => c.item),
      ),
    );
    expect(batch.results.map((r) => [r.status, r.reason])).toEqual(mixed.map((c) => c.expected));
    expect(batch.results.map((r) => r.index)).toEqual(mixed.map((_, i) => i));
    expect([batch.itemCount, batch.enrolledCount, batch.alreadyEnrolledCount, batch.rejectedCount]).toEqual([500, 250, 40, 210]);
    mixed.forEach((c, i) => {
      const r = batch.results[i];
      if (c.person)
        expect(r.enrolment).toMatchObject({
          volunteer: { id: c.person.id },
          policyNumber: c.item.policyNumber,
          coverStart: '2025-01-01',
          coverEnd: '2025-12-31',
          status: expect.any(String),
          batchId: 'B-MIXED-500',
        });
      if (c.alreadyId) expect(r.enrolment?.id).toBe(c.alreadyId);
      if (c.expected[0] === 'REJECTED') expect(r.enrolment).toBeNull();
    });
    expect(batch.results.find((r) => r.reason === 'DUPLICATE_IN_BATCH')?.message).toMatch(/^repeats item \d+/);
    expect(await count('enrolments')).toBe(40 + 250);
  });
});

describe('retries', () => {
  /** 50 new volunteers, 5 unknown numbers, 5 volunteers covered already. */
  const retryItems = (): Item[] => [
    ...seeded.slice(40, 90).map((v, i) => itemFor(v, `P2025-R-${i}`)),
    ...Array.from({ length: 5 }, (_, i) => ({ ...itemFor(seeded[90 + i], `P2025-RU-${i}`), volunteerNo: `ZB8${String(8_000_000 + i)}` })),
    ...people.slice(0, 5).map((p, i) => itemFor(p, `P2025-RA-${i}`, '2025-02-01', '2025-12-31')),
  ];

  it('enrols a batch sent 5 times (3 of them at once) exactly once, and answers every time the same', async () => {
    const before = await count('enrolments');
    const concurrent = await Promise.all([1, 2, 3].map(() => enrol(stack, 'B-RETRY', retryItems())));
    const later = [await enrol(stack, 'B-RETRY', retryItems()), await enrol(stack, 'B-RETRY', retryItems())];
    const responses = [...concurrent, ...later].map((r) => dataOf(r));
    for (const r of responses.slice(1)) expect(r).toEqual(responses[0]);
    const batch = responses[0].enrolVolunteers;
    expect([batch.enrolledCount, batch.alreadyEnrolledCount, batch.rejectedCount]).toEqual([50, 5, 5]);
    const enrolledIds = batch.results
      .filter((r) => r.status === 'ENROLLED')
      .map((r) => r.enrolment?.id)
      .sort();
    const stored: { id: string }[] = await insuranceDb().query(`SELECT id::text FROM enrolments WHERE batch_id = 'B-RETRY' ORDER BY id::text`);
    expect(stored.map((r) => r.id)).toEqual(enrolledIds);
    expect(await count('enrolments')).toBe(before + 50);
    const [{ n: batches }]: { n: number }[] = await insuranceDb().query(`SELECT count(*)::int AS n FROM enrolment_batches WHERE batch_id = 'B-RETRY'`);
    expect(batches).toBe(1);
  });

  it('refuses the same batch id with different content (CONFLICT), writing nothing', async () => {
    const before = [await count('enrolments'), await count('enrolment_batches')];
    const changed = retryItems();
    changed[3] = { ...changed[3], coverEnd: '2025-11-30' };
    for (const [items, plan] of [
      [changed, CITY_PLAN],
      [retryItems(), 'ZBZYB-2021'],
      [retryItems().slice(1), CITY_PLAN],
    ] as const) {
      const { errors } = await enrol(stack, 'B-RETRY', [...items], INSURER, plan);
      expect(errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'BATCH_ID_REUSED' });
    }
    expect([await count('enrolments'), await count('enrolment_batches')]).toEqual(before);
  });

  it('never covers a volunteer twice when two batches with the same items race (the database decides)', async () => {
    const items = seeded.slice(100, 120).map((v, i) => itemFor(v, `P2025-RACE-${i}`));
    const [a, b] = await Promise.all([enrol(stack, 'B-RACE-1', items), enrol(stack, 'B-RACE-2', items)]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    const [first, second] = [dataOf(a).enrolVolunteers.results, dataOf(b).enrolVolunteers.results];
    items.forEach((_, i) => {
      const pair = [first[i], second[i]];
      expect(pair.map((r) => r.status).sort()).toEqual(['ALREADY_ENROLLED', 'ENROLLED']);
      expect(pair[0].enrolment?.id ?? 'no enrolment').toBe(pair[1].enrolment?.id);
    });
    const [{ n }]: { n: number }[] = await insuranceDb().query(`SELECT count(*)::int AS n FROM enrolments WHERE volunteer_id = ANY($1::bigint[])`, [seeded.slice(100, 120).map((v) => v.id)]);
    expect(n).toBe(20);
  });

  it('has the database refuse overlapping cover of one volunteer in one plan, whatever the code does', async () => {
    const [existing]: { volunteer_id: string; volunteer_no: string; plan_id: string }[] = await insuranceDb().query(
      `SELECT volunteer_id, volunteer_no, plan_id FROM enrolments WHERE batch_id = 'B-PRE' LIMIT 1`,
    );
    const insert = insuranceDb().query(
      `INSERT INTO enrolments (volunteer_id, volunteer_no, plan_id, policy_number, cover_start, cover_end, batch_id, batch_item, enrolled_by)
       VALUES ($1, $2, $3, 'P-DIRECT-1', '2025-06-30', '2025-07-31', 'B-PRE', 999, 'test')`,
      [existing.volunteer_id, existing.volunteer_no, existing.plan_id],
    );
    await expect(insert).rejects.toMatchObject({ driverError: { code: '23P01', constraint: 'enrolments_no_overlap' } });
  });
});

describe('scale', () => {
  /** The statements a batch costs in the insurance and volunteers databases, by name. (Its time is `pnpm bench`'s to measure.) */
  async function measure(batchId: string, items: Item[]) {
    const seen: string[] = [];
    const stops = [stack.insurance.db.dataSource, stack.volunteers.db.dataSource].map((ds, i) =>
      ds.sqlLogger.onStatement((statement) => seen.push(`${i ? 'volunteers' : 'insurance'}:${/\/\* (\w+) \*\//.exec(statement)?.[1] ?? statement.split(/\s/)[0]}`)),
    );
    // What the insurer's system asks for: the outcome of each item and the enrolment's id.
    const response = await stack.query(EnrolmentOutcomesAsTheInsurerAsksDocument, { input: { batchId, planCode: CITY_PLAN, items } }, INSURER);
    stops.forEach((stop) => stop());
    return { batch: dataOf(response).enrolVolunteers, statements: seen.sort() };
  }

  /** `valid` new volunteers, then one already covered and one unknown number. */
  const batchOf = (from: number, valid: number, tag: string): Item[] => [
    ...seeded.slice(from, from + valid).map((v, i) => itemFor(v, `P2025-${tag}-${i}`)),
    itemFor(people[45], `P2025-${tag}-A`, '2025-07-01', '2025-12-31'),
    { ...itemFor(people[46], `P2025-${tag}-U`), volunteerNo: 'ZB77777777' },
  ];

  it('writes a batch of 10 and of 1,000 items with the same statements', async () => {
    expect(seeded.length).toBeGreaterThanOrEqual(1280);
    const ten = await measure('B-SCALE-10', batchOf(120, 8, 'S10'));
    const thousand = await measure('B-SCALE-1000', batchOf(128, 998, 'S1000'));
    expect([ten.batch.enrolledCount, ten.batch.alreadyEnrolledCount, ten.batch.rejectedCount]).toEqual([8, 1, 1]);
    expect([thousand.batch.enrolledCount, thousand.batch.alreadyEnrolledCount, thousand.batch.rejectedCount]).toEqual([998, 1, 1]);
    expect(thousand.statements).toEqual(ten.statements);
    expect(thousand.statements.filter((s) => s.startsWith('volunteers:'))).toEqual(['volunteers:volunteerIdentities']);
    const retry = await measure('B-SCALE-1000', batchOf(128, 998, 'S1000'));
    expect(retry.batch).toEqual(thousand.batch);
  });
});

describe('personal data', () => {
  it('keeps no ID number in the insurance database — neither the registered ones nor the wrong ones sent', async () => {
    const tables: { table_name: string }[] = await insuranceDb().query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    expect(tables.map((t) => t.table_name).sort()).toEqual(['enrolment_batches', 'enrolments', 'insurance_plans', 'migrations', 'plan_cover_items']);
    const rowsOf = async (table: string): Promise<string> => {
      const rows: { row: string }[] = await insuranceDb().query(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
      return rows.map((r) => r.row).join('\n');
    };
    const dump = (await Promise.all(tables.map(({ table_name }) => rowsOf(table_name)))).join('\n');
    expect(dump.length).toBeGreaterThan(100_000); // the batches and enrolments written above are in it
    const sent = [...people, ...seeded].map((p) => p.idNumber);
    for (const idNumber of sent) expect(dump.includes(idNumber)).toBe(false);
    // Nor anything else shaped like one: 18 characters with a valid check digit, standing alone (a
    // run of digits inside a hex hash is not a number anyone stored).
    const shaped = [...dump.matchAll(/(?<![\dA-Fa-f])\d{17}[\dXx](?![\dA-Fa-f])/g)].map((m) => m[0]);
    expect(shaped.filter(isWellFormedIdNumber)).toEqual([]);
    // Nor the names the insurer sent (only compared).
    expect(dump.includes(people[100].name)).toBe(false);
  });
});
