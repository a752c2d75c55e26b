import { z } from 'zod';
import { booleanSchema, devSecret, parseEnvironment, portSchema } from '@vg/config';

// Development defaults: committed so `pnpm start` works on a fresh machine, refused when
// NODE_ENV=production (devSecret). Never use them on real data.
const DEV_ENCRYPTION_KEY = 'ZGV2LW9ubHktcGlpLWtleS1kby1ub3QtdXNlLTMyYiE=';
const DEV_HASH_KEY = 'dev-only-pii-hash-key';
const DEV_INTERNAL_SECRET = 'dev-only-internal-secret';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  PROJECTS_PORT: portSchema.default(4002),
  /** This service's own database. */
  PROJECTS_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  /** The volunteers subgraph, called directly for volunteers, teams and stations. */
  VOLUNTEERS_URL: z.url().default('http://127.0.0.1:4001/graphql'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  PII_ENCRYPTION_KEY: z.string().optional(),
  PII_HASH_KEY: z.string().optional(),
  INTERNAL_SECRET: z.string().optional(),
  SEED_WHEN_EMPTY: booleanSchema.default(false),
});

/** The projects service's whole environment, parsed once; exits listing every problem. */
export function loadEnvironment(env: Record<string, string | undefined> = process.env) {
  const parsed = parseEnvironment(schema, env);
  return {
    ...parsed,
    contactKeys: {
      encryptionKey: devSecret('PII_ENCRYPTION_KEY', parsed.PII_ENCRYPTION_KEY, DEV_ENCRYPTION_KEY),
      hashKey: devSecret('PII_HASH_KEY', parsed.PII_HASH_KEY, DEV_HASH_KEY),
    },
    internalSecret: devSecret('INTERNAL_SECRET', parsed.INTERNAL_SECRET, DEV_INTERNAL_SECRET),
  };
}
