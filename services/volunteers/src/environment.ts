import { z } from 'zod';
import { booleanSchema, parseEnvironment, portSchema, sharedSecrets, sharedSecretsSchema } from '@vg/config';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  VOLUNTEERS_PORT: portSchema.default(4001),
  /** This service's own database. */
  VOLUNTEERS_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  ...sharedSecretsSchema,
  SEED_WHEN_EMPTY: booleanSchema.default(false),
  SEED_VOLUNTEERS: z.coerce.number().int().min(0).default(2000),
});

export type VolunteersEnvironment = ReturnType<typeof loadEnvironment>;

/** The volunteers service's whole environment, parsed once; exits listing every problem. */
export function loadEnvironment(env: Record<string, string | undefined> = process.env) {
  const parsed = parseEnvironment(schema, env);
  return { ...parsed, ...sharedSecrets(parsed) };
}
