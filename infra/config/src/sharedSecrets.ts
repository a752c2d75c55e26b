import { z } from 'zod';
import { devSecret } from './devSecret';

// Development defaults for the secrets that several processes must share (the gateway and every
// subgraph agree on the internal secret; services that match ID numbers agree on the hash key).
// Kept here, once, so they cannot drift apart; devSecret refuses them when NODE_ENV=production.
const DEV = {
  INTERNAL_SECRET: 'dev-only-internal-secret',
  PII_ENCRYPTION_KEY: 'ZGV2LW9ubHktcGlpLWtleS1kby1ub3QtdXNlLTMyYiE=', // 32 bytes
  PII_HASH_KEY: 'dev-only-pii-hash-key',
  JWT_SECRET: 'dev-only-jwt-secret-change-me',
};

/** The environment variables behind `sharedSecrets`, to spread into a service's schema. */
export const sharedSecretsSchema = {
  INTERNAL_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PII_ENCRYPTION_KEY: z.string().optional(),
  PII_HASH_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
};

export interface SharedSecrets {
  /** Signs the viewer header between the gateway and subgraphs, and between subgraphs. */
  internalSecret: string;
  /** Personal data at rest: AES-256 key (32 bytes, base64/hex) and HMAC key for look-up hashes. */
  piiKeys: { encryptionKey: string; hashKey: string };
}

/** The internal secret alone (the gateway holds no personal data, so no PII keys). */
export function internalSecret(value: string | undefined): string {
  return devSecret('INTERNAL_SECRET', value, DEV.INTERNAL_SECRET);
}

/** The PII hash key alone (for services that match ID numbers but hold no encrypted data). */
export function piiHashKey(value: string | undefined): string {
  return devSecret('PII_HASH_KEY', value, DEV.PII_HASH_KEY);
}

/** The AES-256 key for personal data at rest alone. */
export function piiEncryptionKey(value: string | undefined): string {
  return devSecret('PII_ENCRYPTION_KEY', value, DEV.PII_ENCRYPTION_KEY);
}

export function sharedSecrets(env: { INTERNAL_SECRET?: string; PII_ENCRYPTION_KEY?: string; PII_HASH_KEY?: string }): SharedSecrets {
  return {
    internalSecret: internalSecret(env.INTERNAL_SECRET),
    piiKeys: {
      encryptionKey: piiEncryptionKey(env.PII_ENCRYPTION_KEY),
      hashKey: piiHashKey(env.PII_HASH_KEY),
    },
  };
}

/** The gateway's token-signing secret (and `pnpm run token`'s). */
export function jwtSecret(value: string | undefined): string {
  return devSecret('JWT_SECRET', value, DEV.JWT_SECRET);
}
