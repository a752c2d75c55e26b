import type { FeedChange } from '../data/feed.client';
import type { CreditState } from '../data/feed.repository';
import type { AccountTotals, NewLedgerEntry, NewLot, OpenLot } from '../data/points.repository';
import { expiryOf, pointsFor, ruleOn, type RateRule } from './points-rules';

/** What one page of the feed writes: computed here, without I/O, then written set-based. */
export interface PagePlan {
  entries: NewLedgerEntry[];
  newLots: NewLot[];
  /** Existing lots a negative correction took points from. */
  lotUpdates: { id: string; remaining: number }[];
  accounts: AccountTotals[];
  credits: CreditState[];
  /** Hours to add per volunteer (negative for corrections down). */
  hours: Map<string, number>;
}

interface LotInPlay extends Omit<OpenLot, 'id'> {
  id: string | null;
  changed: boolean;
}

/**
 * Credits a page of changes (each change after the cursor, in sequence order), given the current
 * credit of their records, the rules, the locked accounts of their volunteers and — for volunteers
 * with corrections — their live lots. Each change gives exactly one ledger entry (source_sequence =
 * its sequence): RECORD for a record's first version, CORRECTION for the difference a later one
 * makes under the rule of its service date. A negative difference takes points from the record's
 * own lot first, then the oldest; whatever is no longer there (spent or expired) is clipped, with
 * the reason on the entry, so the balance never goes negative.
 */
export function planPage(input: {
  changes: readonly FeedChange[];
  credits: readonly CreditState[];
  rules: readonly RateRule[];
  accounts: readonly AccountTotals[];
  liveLots: readonly OpenLot[];
  today: string;
}): PagePlan {
  const credits = new Map(input.credits.map((c) => [c.recordId, { ...c }]));
  const accounts = new Map(input.accounts.map((a) => [a.volunteerId, { ...a }]));
  const lots = new Map<string, LotInPlay[]>();
  for (const lot of input.liveLots) lotsOf(lots, lot.volunteerId).push({ ...lot, changed: false });
  const entries: NewLedgerEntry[] = [];
  const hours = new Map<string, number>();
  const touched = new Set<string>();

  for (const change of input.changes) {
    const previous = credits.get(change.recordId);
    const points = pointsFor(ruleOn(input.rules, change.serviceDate), change.theme, change.hours);
    const delta = points - (previous?.points ?? 0);
    const account = accounts.get(change.volunteerId) ?? { volunteerId: change.volunteerId, balance: 0, earned: 0, spent: 0, expired: 0 };
    accounts.set(change.volunteerId, account);
    let credited = delta;
    let reason: string | null = null;
    if (delta > 0) {
      lotsOf(lots, change.volunteerId).push({
        id: null,
        changed: true,
        volunteerId: change.volunteerId,
        recordId: change.recordId,
        earnedOn: change.serviceDate,
        expiresOn: expiryOf(change.serviceDate),
        amount: delta,
        remaining: delta,
      });
    } else if (delta < 0) {
      const taken = take(lotsOf(lots, change.volunteerId), change.recordId, Math.min(-delta, account.balance), input.today);
      credited = -taken;
      if (taken < -delta) reason = `clipped at the balance: ${-delta - taken} of the ${-delta} points the correction takes back were already spent or expired`;
    }
    account.balance += credited;
    account.earned += credited;
    entries.push({
      volunteerId: change.volunteerId,
      kind: previous ? 'CORRECTION' : 'RECORD',
      points: credited,
      balanceAfter: account.balance,
      recordId: change.recordId,
      sourceSequence: change.sequence,
      reason,
    });
    hours.set(change.volunteerId, (hours.get(change.volunteerId) ?? 0) + change.hours - (previous?.hours ?? 0));
    credits.set(change.recordId, {
      recordId: change.recordId,
      volunteerId: change.volunteerId,
      serviceDate: change.serviceDate,
      theme: change.theme,
      hours: change.hours,
      points,
      lastSequence: change.sequence,
    });
    touched.add(change.recordId);
  }

  const all = [...lots.values()].flat();
  return {
    entries,
    newLots: all.filter((l) => l.id === null).map((l) => ({ volunteerId: l.volunteerId, recordId: l.recordId, earnedOn: l.earnedOn, amount: l.amount, remaining: l.remaining })),
    lotUpdates: all.filter((l) => l.id !== null && l.changed).map((l) => ({ id: l.id!, remaining: l.remaining })),
    accounts: [...accounts.values()],
    credits: [...touched].map((id) => credits.get(id)!),
    // Hours to one decimal, as stored: sums of tenths must not drift.
    hours: new Map([...hours].map(([id, h]) => [id, Math.round(h * 10) / 10])),
  };
}

function lotsOf(lots: Map<string, LotInPlay[]>, volunteerId: string): LotInPlay[] {
  let list = lots.get(volunteerId);
  if (!list) lots.set(volunteerId, (list = []));
  return list;
}

/** Takes up to `wanted` from live lots: the record's own first, then by expiry (stable: older lots first). */
function take(lots: LotInPlay[], recordId: string, wanted: number, today: string): number {
  const order = lots
    .map((lot, i) => ({ lot, i }))
    .filter(({ lot }) => lot.remaining > 0 && lot.expiresOn > today)
    .sort((a, b) => Number(b.lot.recordId === recordId) - Number(a.lot.recordId === recordId) || a.lot.expiresOn.localeCompare(b.lot.expiresOn) || a.i - b.i);
  let taken = 0;
  for (const { lot } of order) {
    if (taken === wanted) break;
    const part = Math.min(lot.remaining, wanted - taken);
    lot.remaining -= part;
    lot.changed = true;
    taken += part;
  }
  return taken;
}
