import { z } from 'zod';
import { devSecret } from './devSecret';
import { productionSecretIssues, SECRETS, type SecretName } from './secretRules';

/**
 * The environment variables of the secrets, to spread into a process's schema. The lengths here
 * hold everywhere; production's stricter rules are added by `withSecretChecks`.
 */
export const sharedSecretsSchema = {
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  INTERNAL_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PII_ENCRYPTION_KEY: z.string().optional(),
  PII_HASH_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
};

/**
 * `schema` refusing, when its NODE_ENV is production, every named secret that is unset, weak or
 * reused (see secretRules.ts), as issues on the variable like any other setting: `parseEnvironment`
 * prints them and exits 1 before anything starts, and `pnpm start` lists them with the others.
 * The check runs even when other settings are wrong, so one run lists every problem.
 */
export function withSecretChecks<S extends z.ZodObject>(schema: S, names: readonly SecretName[]): S {
  return schema.superRefine(
    (value, ctx) => {
      const env = value as Record<string, unknown>;
      if (env.NODE_ENV !== 'production') return;
      const values = Object.fromEntries(names.map((name) => [name, typeof env[name] === 'string' ? (env[name] as string) : undefined]));
      for (const { variable, message } of productionSecretIssues(values, names)) ctx.addIssue({ code: 'custom', path: [variable], message });
    },
    { when: () => true },
  );
}

export interface SharedSecrets {
  /** Signs the viewer header between the gateway and subgraphs, and between subgraphs. */
  internalSecret: string;
  /** Personal data at rest: AES-256 key (32 bytes, base64/hex) and HMAC key for look-up hashes. */
  piiKeys: { encryptionKey: string; hashKey: string };
}

/** The internal secret alone (the gateway holds no personal data, so no PII keys). */
export function internalSecret(value: string | undefined): string {
  return devSecret('INTERNAL_SECRET', value, SECRETS.INTERNAL_SECRET.development);
}

/** The PII hash key alone (for services that match ID numbers but hold no encrypted data). */
export function piiHashKey(value: string | undefined): string {
  return devSecret('PII_HASH_KEY', value, SECRETS.PII_HASH_KEY.development);
}

/** The AES-256 key for personal data at rest alone. */
export function piiEncryptionKey(value: string | undefined): string {
  return devSecret('PII_ENCRYPTION_KEY', value, SECRETS.PII_ENCRYPTION_KEY.development);
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
  return devSecret('JWT_SECRET', value, SECRETS.JWT_SECRET.development);
}
