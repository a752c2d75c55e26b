import type { FeedChange } from '../data/feed.client';
import { planPage } from './feed-credits';

const rules = [{ effectiveFrom: '2000-01-01', pointsPerHour: 10, coefficients: [{ theme: 'EMERGENCY_RESCUE', coefficient: 1.5 }] }];
const today = '2026-06-01';
let seq = 0;
const change = (recordId: string, hours: number, over: Partial<FeedChange> = {}): FeedChange => ({
  sequence: String(++seq),
  kind: 'CREATED',
  recordId,
  volunteerId: '7',
  hours,
  hoursDelta: hours,
  at: '2026-05-01T08:00:00Z',
  serviceDate: '2026-05-01',
  theme: 'EXAM_SUPPORT',
  ...over,
});
const empty = { volunteerId: '7', balance: 0, earned: 0, spent: 0, expired: 0 };

describe('planPage', () => {
  it('credits a new record once, and a correction by the difference under the rule of its service date', () => {
    const plan = planPage({
      changes: [change('1', 2.5, { theme: 'EMERGENCY_RESCUE' }), change('1', 3.5, { kind: 'CORRECTED', theme: 'EMERGENCY_RESCUE', hoursDelta: 1 }), change('2', 1)],
      credits: [],
      rules,
      accounts: [empty],
      liveLots: [],
      today,
    });
    expect(plan.entries.map((e) => [e.kind, e.points, e.balanceAfter, e.sourceSequence])).toEqual([
      ['RECORD', 38, 38, String(seq - 2)],
      ['CORRECTION', 15, 53, String(seq - 1)],
      ['RECORD', 10, 63, String(seq)],
    ]);
    expect(plan.accounts).toEqual([{ ...empty, balance: 63, earned: 63 }]);
    expect(plan.credits.find((c) => c.recordId === '1')).toMatchObject({ hours: 3.5, points: 53 });
    expect(plan.hours.get('7')).toBe(4.5);
    expect(plan.newLots.map((l) => [l.recordId, l.amount, l.remaining])).toEqual([
      ['1', 38, 38],
      ['1', 15, 15],
      ['2', 10, 10],
    ]);
  });

  it("takes a negative correction from the record's own lot first", () => {
    const plan = planPage({
      changes: [change('5', 1, { kind: 'CORRECTED', hoursDelta: -2 })],
      credits: [{ recordId: '5', volunteerId: '7', serviceDate: '2026-05-01', theme: 'EXAM_SUPPORT', hours: 3, points: 30, lastSequence: '1' }],
      rules,
      accounts: [{ ...empty, balance: 80, earned: 80 }],
      liveLots: [
        { id: '100', volunteerId: '7', recordId: '4', earnedOn: '2025-01-01', expiresOn: '2028-01-01', amount: 50, remaining: 50 },
        { id: '101', volunteerId: '7', recordId: '5', earnedOn: '2026-05-01', expiresOn: '2029-05-01', amount: 30, remaining: 30 },
      ],
      today,
    });
    expect(plan.entries).toEqual([expect.objectContaining({ kind: 'CORRECTION', points: -20, balanceAfter: 60, reason: null })]);
    expect(plan.lotUpdates).toEqual([{ id: '101', remaining: 10 }]);
    expect(plan.hours.get('7')).toBe(-2);
    expect(plan.accounts[0]).toMatchObject({ balance: 60, earned: 60 });
  });

  it('clips a negative correction at what is left, with the reason, never below zero', () => {
    const plan = planPage({
      changes: [change('5', 0, { kind: 'CORRECTED', hoursDelta: -3 })],
      credits: [{ recordId: '5', volunteerId: '7', serviceDate: '2026-05-01', theme: 'EXAM_SUPPORT', hours: 3, points: 30, lastSequence: '1' }],
      rules,
      accounts: [{ ...empty, balance: 12, earned: 30, spent: 18 }],
      liveLots: [{ id: '101', volunteerId: '7', recordId: '5', earnedOn: '2026-05-01', expiresOn: '2029-05-01', amount: 30, remaining: 12 }],
      today,
    });
    expect(plan.entries[0]).toMatchObject({ kind: 'CORRECTION', points: -12, balanceAfter: 0 });
    expect(plan.entries[0].reason).toMatch(/18 of the 30 points/);
    expect(plan.credits[0].points).toBe(0);
  });

  it('gives a zero entry for a correction that changes no hours (one entry per change)', () => {
    const plan = planPage({
      changes: [change('5', 3, { kind: 'CORRECTED', hoursDelta: 0 })],
      credits: [{ recordId: '5', volunteerId: '7', serviceDate: '2026-05-01', theme: 'EXAM_SUPPORT', hours: 3, points: 30, lastSequence: '1' }],
      rules,
      accounts: [{ ...empty, balance: 30, earned: 30 }],
      liveLots: [],
      today,
    });
    expect(plan.entries.map((e) => e.points)).toEqual([0]);
    expect(plan.newLots).toEqual([]);
  });
});
