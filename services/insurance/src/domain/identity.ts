import { documentNumberHash, keyedHash } from '@vg/crypto';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * Is this a well-formed resident ID number (GB 11643: 17 digits and a check character, ISO 7064
 * MOD 11-2)? Only the form is checked here; whether it is the volunteer's is for the hash.
 */
export function isWellFormedIdNumber(value: string): boolean {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11] === id[17];
}

/** Text shaped like an ID number (18 characters: 17 digits and a digit or X), well-formed or not. */
export function looksLikeIdNumber(value: string): boolean {
  return /^\d{17}[\dXx]$/.test(value.trim());
}

/** A name as compared with the registered one: Unicode-normalised (NFKC), without whitespace. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '');
}

/**
 * Keyed hashes under the PII hash key the volunteers service shares. ID numbers arrive in plain
 * from the insurer, are hashed here in memory, and are never stored or sent anywhere.
 */
export class IdentityHasher {
  constructor(private readonly hashKey: string) {}

  /** Exactly the volunteers service's look-up hash: HMAC-SHA256 of `id:` + the trimmed, upper-case number. */
  idNumberHash(idNumber: string): string {
    return documentNumberHash(this.hashKey, idNumber);
  }

  /** A batch's fingerprint: keyed, because the content includes ID numbers (a plain hash could be brute-forced). */
  batchContentHash(canonicalContent: string): string {
    return keyedHash(this.hashKey, `batch:${canonicalContent}`);
  }
}
