import { documentNumberHash, keyedHash } from '@vg/crypto';

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
