import { z } from 'zod';
import { booleanSchema, internalSecret, parseEnvironment, piiHashKey, portSchema, sharedSecretsSchema } from '@vg/config';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  INSURANCE_PORT: portSchema.default(4003),
  /** This service's own database. */
  INSURANCE_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /** The volunteers subgraph, called directly to check identities. */
  VOLUNTEERS_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  /** The projects subgraph, called directly for the ids of service records (claim evidence). */
  PROJECTS_URL: z.url().default('http://127.0.0.1:4002/graphql'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  // PII_HASH_KEY must be the volunteers service's: ID numbers are matched by its keyed hash.
  INTERNAL_SECRET: sharedSecretsSchema.INTERNAL_SECRET,
  PII_HASH_KEY: sharedSecretsSchema.PII_HASH_KEY,
  SEED_WHEN_EMPTY: booleanSchema.default(false),
});

/** The insurance service's whole environment, parsed once; exits listing every problem. */
export function loadEnvironment(env: Record<string, string | undefined> = process.env) {
  const parsed = parseEnvironment(schema, env);
  return { ...parsed, internalSecret: internalSecret(parsed.INTERNAL_SECRET), piiHashKey: piiHashKey(parsed.PII_HASH_KEY) };
}
