import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 of `value` under `key`, as 64 hex characters: equal inputs give equal hashes, so it
 * serves look-ups and uniqueness, but without the key nobody can test guesses against it.
 */
export function keyedHash(key: string, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}
