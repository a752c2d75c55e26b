import { z } from 'zod';
import { booleanSchema, parseEnvironment, portSchema, sharedSecrets, sharedSecretsSchema } from '@vg/config';

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
  ...sharedSecretsSchema,
  SEED_WHEN_EMPTY: booleanSchema.default(false),
});

/** The projects service's whole environment, parsed once; exits listing every problem. */
export function loadEnvironment(env: Record<string, string | undefined> = process.env) {
  const parsed = parseEnvironment(schema, env);
  const { internalSecret, piiKeys } = sharedSecrets(parsed);
  return { ...parsed, internalSecret, contactKeys: piiKeys };
}
