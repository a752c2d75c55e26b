import type { RejectionReason } from '../data/enrolment-batch.entity';
import type { VolunteerIdentity } from '../data/volunteers.client';
import { lastDayOfTerm, periodsOverlap } from './dates';
import { isWellFormedIdNumber, looksLikeIdNumber } from '@vg/standards';
import { badUserInput } from '@vg/graphql';
import { normaliseName } from './identity';

/** One item of the insurer's batch, normalised (trimmed; volunteer number and ID number upper case). */
export interface BatchItem {
  volunteerNo: string;
  idNumber: string;
  name: string;
  coverStart: string;
  coverEnd: string;
  policyNumber: string;
}

/** What a plan says about periods. */
export interface PlanTerms {
  code: string;
  termMonths: number;
  onSaleFrom: string;
  onSaleUntil: string | null;
}

export type Rejection = { kind: 'reject'; reason: RejectionReason; message: string };

export type ItemDecision =
  | Rejection
  /** Passed every check that needs no database: insert it (the database may still say it exists). */
  | { kind: 'enrol'; volunteerId: string };

const VOLUNTEER_NO = /^[A-Z0-9]{1,20}$/;
const BATCH_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const POLICY_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

/** The insurer's batch id, trimmed; BAD_USER_INPUT naming `field` unless it has the documented form. */
export function batchIdArgument(field: string, batchId: string): string {
  const id = batchId.trim();
  if (!BATCH_ID.test(id)) throw badUserInput(field, 'must be 1–64 letters, digits and . _ : - (starting with a letter or digit)');
  return id;
}

export function normaliseItem(item: BatchItem): BatchItem {
  return {
    volunteerNo: item.volunteerNo.trim().toUpperCase(),
    idNumber: item.idNumber.trim().toUpperCase(),
    name: item.name.trim(),
    coverStart: item.coverStart,
    coverEnd: item.coverEnd,
    policyNumber: item.policyNumber.trim(),
  };
}

/**
 * The batch's content in one canonical text (plan code and the normalised items, in order): equal
 * for a faithful retry, different when any item differs. Hashed with a key before it is stored.
 */
export function canonicalContent(planCode: string, items: readonly BatchItem[]): string {
  return JSON.stringify([planCode, items.map((i) => [i.volunteerNo, i.idNumber, normaliseName(i.name), i.coverStart, i.coverEnd, i.policyNumber])]);
}

/** The volunteer numbers worth asking the volunteers subgraph about (well-formed ones), once each. */
export function numbersToCheck(items: readonly BatchItem[]): string[] {
  return [...new Set(items.map((i) => i.volunteerNo).filter((no) => VOLUNTEER_NO.test(no)))];
}

const reject = (reason: RejectionReason, message: string): Rejection => ({ kind: 'reject', reason, message });

/** Checks that need nothing but the item and the plan; null when it passes. */
export function checkItemForm(item: BatchItem, plan: PlanTerms): Rejection | null {
  if (!VOLUNTEER_NO.test(item.volunteerNo)) return reject('UNKNOWN_VOLUNTEER', 'not a volunteer number');
  if (!isWellFormedIdNumber(item.idNumber)) return reject('INVALID_ID_NUMBER', 'the ID number must be 18 characters with a valid check digit');
  if (!POLICY_NUMBER.test(item.policyNumber)) return reject('INVALID_POLICY_NUMBER', 'the policy number must be 1–40 letters, digits and dashes');
  // Nothing shaped like an ID number may be stored, not even by mistake in the wrong field.
  if (looksLikeIdNumber(item.policyNumber)) return reject('INVALID_POLICY_NUMBER', 'the policy number looks like a resident ID number');
  if (item.coverEnd < item.coverStart) return reject('INVALID_PERIOD', 'coverEnd is before coverStart');
  if (item.coverStart < plan.onSaleFrom || (plan.onSaleUntil !== null && item.coverStart > plan.onSaleUntil)) {
    return reject('INVALID_PERIOD', `cover must start while ${plan.code} is on sale (${plan.onSaleFrom} to ${plan.onSaleUntil ?? 'now'})`);
  }
  const last = lastDayOfTerm(item.coverStart, plan.termMonths);
  if (item.coverEnd > last) return reject('INVALID_PERIOD', `longer than the plan's term of ${plan.termMonths} months (ends ${last} at the latest)`);
  return null;
}

/** The registered volunteer, if the item names them correctly (ID number by keyed hash, and name). */
export function checkIdentity(item: BatchItem, identity: VolunteerIdentity | null, idNumberHash: (idNumber: string) => string): ItemDecision {
  if (!identity) return reject('UNKNOWN_VOLUNTEER', `no volunteer has number ${item.volunteerNo}`);
  // Both are compared even when the first fails, so the answer never tells which one was wrong.
  const sameId = identity.idNumberHash === idNumberHash(item.idNumber);
  const sameName = normaliseName(identity.name) === normaliseName(item.name);
  if (!sameId || !sameName) return reject('IDENTITY_MISMATCH', 'the ID number or name does not match the registered volunteer');
  if (identity.status === 'SUSPENDED') return reject('VOLUNTEER_SUSPENDED', 'the volunteer is suspended');
  if (identity.status === 'WITHDRAWN') return reject('VOLUNTEER_WITHDRAWN', 'the volunteer has withdrawn');
  return { kind: 'enrol', volunteerId: identity.id };
}

/**
 * Decides every item that can be decided without writing: its form, then its identity (from
 * `identities`, by volunteer number), then repeats within the batch — an item for a volunteer an
 * earlier surviving item already covers for an overlapping period, or with an earlier item's
 * policy number, is DUPLICATE_IN_BATCH. One decision per item, in order.
 */
export function decideItems(items: readonly BatchItem[], plan: PlanTerms, identities: ReadonlyMap<string, VolunteerIdentity | null>, idNumberHash: (idNumber: string) => string): ItemDecision[] {
  const coverOf = new Map<string, { index: number; start: string; end: string }[]>();
  const policyOf = new Map<string, number>();
  return items.map((item, index) => {
    const decision = checkItemForm(item, plan) ?? checkIdentity(item, identities.get(item.volunteerNo) ?? null, idNumberHash);
    if (decision.kind === 'reject') return decision;
    const earlier = (coverOf.get(decision.volunteerId) ?? []).find((c) => periodsOverlap(c.start, c.end, item.coverStart, item.coverEnd));
    if (earlier) return reject('DUPLICATE_IN_BATCH', `repeats item ${earlier.index}: the same volunteer for an overlapping period`);
    const samePolicy = policyOf.get(item.policyNumber);
    if (samePolicy !== undefined) return reject('DUPLICATE_IN_BATCH', `repeats item ${samePolicy}: the same policy number`);
    coverOf.set(decision.volunteerId, [...(coverOf.get(decision.volunteerId) ?? []), { index, start: item.coverStart, end: item.coverEnd }]);
    policyOf.set(item.policyNumber, index);
    return decision;
  });
}
