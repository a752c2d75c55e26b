import { z } from 'zod';
import { booleanSchema, internalSecret, parseEnvironment, piiEncryptionKey, piiHashKey, portSchema, sharedSecretsSchema, withSecretChecks, type SecretName } from '@vg/config';
import { SUBGRAPHS } from '@vg/schema/src/subgraphs';
import type { ServiceDefinition, ServiceSecrets } from './ServiceDefinition';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const key = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** The default URL of a subgraph on this machine, from the registry. */
export function defaultSubgraphUrl(name: string): string {
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`${name} is not in the subgraph registry (schema/src/subgraphs.ts)`);
  return `http://127.0.0.1:${entry.port}/graphql`;
}

/**
 * The whole environment of a service: the common settings every service has (with its port and
 * database named after it, e.g. PROJECTS_PORT, PROJECTS_DATABASE_URL), the URL of each subgraph it
 * calls, the secrets it needs, and its own settings.
 */
export function serviceEnvironmentSchema(definition: Pick<ServiceDefinition, 'name' | 'calls' | 'secrets' | 'environment'>) {
  const name = key(definition.name);
  const entry = SUBGRAPHS.find((s) => s.name === definition.name);
  const schema = z.object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    HOST: z.string().min(1).default('127.0.0.1'),
    [`${name}_PORT`]: portSchema.default(entry?.port ?? 0),
    [`${name}_DATABASE_URL`]: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL of this service's own database" }),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    INCLUDE_STACKTRACE: booleanSchema.default(false),
    SEED_WHEN_EMPTY: booleanSchema.default(false),
    INTERNAL_SECRET: sharedSecretsSchema.INTERNAL_SECRET,
    ...(definition.secrets?.piiEncryption ? { PII_ENCRYPTION_KEY: sharedSecretsSchema.PII_ENCRYPTION_KEY } : {}),
    ...(definition.secrets?.piiHash || definition.secrets?.piiEncryption ? { PII_HASH_KEY: sharedSecretsSchema.PII_HASH_KEY } : {}),
    ...Object.fromEntries((definition.calls ?? []).map((called) => [`${key(called)}_URL`, z.url().default(defaultSubgraphUrl(called))])),
    ...(definition.environment?.shape ?? {}),
  });
  return withSecretChecks(schema, secretNames(definition));
}

/** The secrets a service reads: production refuses each one unset, weak or reused (@vg/config's secretRules). */
function secretNames(definition: Pick<ServiceDefinition, 'secrets'>): SecretName[] {
  const { piiEncryption, piiHash } = definition.secrets ?? {};
  return ['INTERNAL_SECRET', ...(piiEncryption ? (['PII_ENCRYPTION_KEY'] as const) : []), ...(piiHash || piiEncryption ? (['PII_HASH_KEY'] as const) : [])];
}

/** A service's settings, parsed once: prints every problem and exits 1 on any. */
export function loadServiceEnvironment(definition: ServiceDefinition, env: Record<string, string | undefined> = process.env) {
  const parsed = parseEnvironment(serviceEnvironmentSchema(definition), env) as Record<string, unknown>;
  const name = key(definition.name);
  const secrets: ServiceSecrets = {
    internalSecret: internalSecret(parsed.INTERNAL_SECRET as string | undefined),
    piiEncryptionKey: definition.secrets?.piiEncryption ? piiEncryptionKey(parsed.PII_ENCRYPTION_KEY as string | undefined) : '',
    piiHashKey: definition.secrets?.piiHash || definition.secrets?.piiEncryption ? piiHashKey(parsed.PII_HASH_KEY as string | undefined) : '',
  };
  return {
    nodeEnv: parsed.NODE_ENV as string,
    logLevel: parsed.LOG_LEVEL as string,
    host: parsed.HOST as string,
    port: parsed[`${name}_PORT`] as number,
    databaseUrl: parsed[`${name}_DATABASE_URL`] as string,
    poolSize: parsed.DB_POOL_SIZE as number,
    includeStacktrace: parsed.INCLUDE_STACKTRACE as boolean,
    seedWhenEmpty: parsed.SEED_WHEN_EMPTY as boolean,
    subgraphUrls: Object.fromEntries((definition.calls ?? []).map((called) => [called, parsed[`${key(called)}_URL`] as string])),
    secrets,
    own: parsed,
  };
}
