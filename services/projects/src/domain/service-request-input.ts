import { randomBytes } from 'node:crypto';
import { badUserInput } from '@vg/graphql';

/** The largest amount (yuan) one request may be funded with: far above any real service, far below a typo's reach. */
export const MAX_FUNDING_AMOUNT = 100_000;

/** A funding amount in yuan: 0..MAX_FUNDING_AMOUNT, whole fen (2 decimals). */
export function fundingAmount(field: string, amount: number): number {
  if (!Number.isFinite(amount) || amount < 0 || amount > MAX_FUNDING_AMOUNT) throw badUserInput(field, `must be between 0 and ${MAX_FUNDING_AMOUNT} yuan`);
  const fen = Math.round(amount * 100);
  if (Math.abs(amount * 100 - fen) > 1e-6) throw badUserInput(field, 'must be in whole fen (at most 2 decimals)');
  return fen / 100;
}

/** A rating: a whole number of stars, 1–5. */
export function rating(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw badUserInput(field, 'must be a whole number from 1 to 5');
  return value;
}

/** Crockford's base32: no I, L, O or U, so a code read out over the phone is not misheard. */
const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 10;

/** A fresh random tracking code: 10 base32 characters (50 bits), uniformly drawn. */
export function newTrackingCode(): string {
  // 256 is a multiple of 32, so taking 5 bits of each byte keeps every character equally likely.
  return [...randomBytes(TRACKING_CODE_LENGTH)].map((byte) => TRACKING_ALPHABET[byte & 31]).join('');
}
