import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 of `value` under `key`, as 64 hex characters: equal inputs give equal hashes, so it
 * serves look-ups and uniqueness, but without the key nobody can test guesses against it.
 */
export function keyedHash(key: string, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/**
 * The look-up hash of an identity document number, as every service that matches identities must
 * compute it (one definition, so the services cannot drift apart): trimmed, upper case (the
 * check character X), namespaced `id:`, under the shared hash key.
 */
export function documentNumberHash(key: string, documentNumber: string): string {
  return keyedHash(key, `id:${documentNumber.trim().toUpperCase()}`);
}
