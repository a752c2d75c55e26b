import type { VolunteerIdentity } from '../data/volunteers.client';
import { batchIdArgument, canonicalContent, checkItemForm, decideItems, normaliseItem, numbersToCheck, type BatchItem, type PlanTerms } from './batch-items';

const PLAN: PlanTerms = { code: 'ZBZYB-2024', termMonths: 12, onSaleFrom: '2024-01-01', onSaleUntil: null };
const OLD: PlanTerms = { code: 'ZBZYB-2021', termMonths: 12, onSaleFrom: '2021-03-05', onSaleUntil: '2023-12-31' };
// Valid check digits (GB 11643).
const ID_1 = '370303200901010018';
const ID_2 = '37030320090102003X';

const item = (over: Partial<BatchItem> = {}): BatchItem => ({
  volunteerNo: 'ZB00000001',
  idNumber: ID_1,
  name: '王晓梅',
  coverStart: '2025-01-01',
  coverEnd: '2025-12-31',
  policyNumber: 'P2025-1',
  ...over,
});
const hash = (idNumber: string) => `h(${idNumber})`;
const identity = (no: string, id: string, idNumber: string, over: Partial<VolunteerIdentity> = {}): VolunteerIdentity => ({
  id,
  volunteerNo: no,
  name: '王晓梅',
  status: 'ACTIVE',
  idNumberHash: hash(idNumber),
  ...over,
});

describe('checkItemForm', () => {
  it.each([
    [{}, null],
    [{ volunteerNo: 'ZB 1' }, 'UNKNOWN_VOLUNTEER'],
    [{ idNumber: '370303200901010019' }, 'INVALID_ID_NUMBER'],
    [{ idNumber: '37030320090101001' }, 'INVALID_ID_NUMBER'],
    [{ policyNumber: '' }, 'INVALID_POLICY_NUMBER'],
    [{ policyNumber: 'P 1' }, 'INVALID_POLICY_NUMBER'],
    [{ policyNumber: 'P'.repeat(41) }, 'INVALID_POLICY_NUMBER'],
    [{ policyNumber: ID_2 }, 'INVALID_POLICY_NUMBER'],
    [{ coverEnd: '2024-12-31' }, 'INVALID_PERIOD'],
    [{ coverStart: '2023-12-31' }, 'INVALID_PERIOD'],
    [{ coverEnd: '2026-01-01' }, 'INVALID_PERIOD'],
    [{ coverStart: '2025-01-01', coverEnd: '2025-01-01' }, null],
  ])('%j → %s', (over, reason) => {
    expect(checkItemForm(item(over), PLAN)?.reason ?? null).toBe(reason);
  });

  it('keeps cover within the sale window of an old plan', () => {
    expect(checkItemForm(item({ coverStart: '2023-12-31', coverEnd: '2024-12-30' }), OLD)).toBeNull();
    expect(checkItemForm(item({ coverStart: '2024-01-01', coverEnd: '2024-12-31' }), OLD)).toMatchObject({
      reason: 'INVALID_PERIOD',
      message: expect.stringMatching(/on sale \(2021-03-05 to 2023-12-31\)/),
    });
  });
});

describe('decideItems', () => {
  const identities = new Map<string, VolunteerIdentity | null>([
    ['ZB00000001', identity('ZB00000001', '1', ID_1)],
    ['ZB00000002', identity('ZB00000002', '2', ID_2, { name: '李建国' })],
    ['ZB00000003', identity('ZB00000003', '3', ID_1, { status: 'SUSPENDED' })],
    ['ZB00000004', identity('ZB00000004', '4', ID_1, { status: 'WITHDRAWN' })],
    ['ZB00000009', null],
  ]);
  const decide = (items: BatchItem[]) => decideItems(items, PLAN, identities, hash).map((d) => (d.kind === 'enrol' ? `enrol ${d.volunteerId}` : d.reason));

  it('checks identity by hash and name, then status; unknown numbers are unknown', () => {
    expect(
      decide([
        item(),
        item({ volunteerNo: 'ZB00000002', idNumber: ID_2, name: '李 建国', policyNumber: 'P2' }),
        item({ volunteerNo: 'ZB00000002', idNumber: ID_1, name: '李建国', policyNumber: 'P3' }),
        item({ volunteerNo: 'ZB00000002', idNumber: ID_2, name: '李建军', policyNumber: 'P4' }),
        item({ volunteerNo: 'ZB00000003', policyNumber: 'P5' }),
        item({ volunteerNo: 'ZB00000004', policyNumber: 'P6' }),
        item({ volunteerNo: 'ZB00000009', policyNumber: 'P7' }),
        item({ volunteerNo: 'ZB00000005', policyNumber: 'P8' }),
      ]),
    ).toEqual(['enrol 1', 'enrol 2', 'IDENTITY_MISMATCH', 'IDENTITY_MISMATCH', 'VOLUNTEER_SUSPENDED', 'VOLUNTEER_WITHDRAWN', 'UNKNOWN_VOLUNTEER', 'UNKNOWN_VOLUNTEER']);
  });

  it('rejects repeats of a surviving item: same volunteer for an overlapping period, or same policy number', () => {
    const decisions = decideItems(
      [
        item({ idNumber: ID_2 }), // wrong ID number: does not count as the volunteer's item
        item({ policyNumber: 'P1' }),
        item({ policyNumber: 'P2', coverStart: '2025-12-31', coverEnd: '2026-06-30' }),
        item({ volunteerNo: 'ZB00000002', idNumber: ID_2, name: '李建国', policyNumber: 'P1' }),
      ],
      PLAN,
      identities,
      hash,
    );
    expect(decisions.map((d) => (d.kind === 'enrol' ? 'enrol' : `${d.reason}: ${d.message}`))).toEqual([
      'IDENTITY_MISMATCH: the ID number or name does not match the registered volunteer',
      'enrol',
      'DUPLICATE_IN_BATCH: repeats item 1: the same volunteer for an overlapping period',
      'DUPLICATE_IN_BATCH: repeats item 1: the same policy number',
    ]);
    // Periods that do not overlap are two enrolments.
    expect(decide([item({ coverEnd: '2025-06-30' }), item({ coverStart: '2025-07-01', policyNumber: 'P2' })])).toEqual(['enrol 1', 'enrol 1']);
  });
});

describe('the canonical content of a batch', () => {
  it('is the same for a faithful retry (spacing and case aside) and differs with any item, its order or the plan', () => {
    const items = [item(), item({ volunteerNo: 'ZB00000002', policyNumber: 'P2' })];
    const again = items.map((i) => normaliseItem({ ...i, volunteerNo: ` ${i.volunteerNo.toLowerCase()} `, name: ` ${i.name} `, idNumber: i.idNumber.toLowerCase() }));
    const base = canonicalContent('ZBZYB-2024', items);
    expect(canonicalContent('ZBZYB-2024', again)).toBe(base);
    expect(canonicalContent('ZBZYB-2021', items)).not.toBe(base);
    expect(canonicalContent('ZBZYB-2024', [...items].reverse())).not.toBe(base);
    expect(canonicalContent('ZBZYB-2024', [items[0], { ...items[1], coverEnd: '2025-12-30' }])).not.toBe(base);
  });

  it('asks the volunteers subgraph about each well-formed number once', () => {
    expect(numbersToCheck([item(), item(), item({ volunteerNo: 'ZB00000002' }), item({ volunteerNo: 'ZB-1' })])).toEqual(['ZB00000001', 'ZB00000002']);
  });
});

describe('batchIdArgument', () => {
  it('keeps a trimmed batch id of letters, digits and . _ : -', () => {
    expect(batchIdArgument('input.batchId', '  CL-2025.06:01_a ')).toBe('CL-2025.06:01_a');
    expect(batchIdArgument('input.batchId', 'B'.repeat(64))).toHaveLength(64);
  });

  it.each(['', '   ', '-B1', 'B 1', 'B/1', 'B'.repeat(65)])('refuses %j, naming the field', (batchId) => {
    expect(() => batchIdArgument('batchId', batchId)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'batchId' } }));
  });
});
