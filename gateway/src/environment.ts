import { z } from 'zod';
import { booleanSchema, internalSecret, jwtSecret, parseEnvironment, portSchema, sharedSecretsSchema, withSecretChecks } from '@vg/config';
import { SUBGRAPHS } from '@vg/schema';
import { tokenRulesFrom, tokenSettingsShape } from './tokenEnvironment';
import { DEFAULT_COST_LIMITS } from './queryCost';
import { DEFAULT_DOCUMENT_LIMITS } from './queryLimits';
import { DEFAULT_RATE_LIMITS } from './rateLimits';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: portSchema.default(4000),
  // JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE, JWT_MAX_LIFETIME_SECONDS: shared with `pnpm run token`.
  ...tokenSettingsShape,
  INTERNAL_SECRET: sharedSecretsSchema.INTERNAL_SECRET,
  // <NAME>_URL overrides a subgraph's URL from the supergraph, e.g. VOLUNTEERS_URL=http://10.0.0.5:4001/graphql
  ...Object.fromEntries(SUBGRAPHS.map(({ name }) => [`${name.toUpperCase()}_URL`, z.url().optional()])),
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).default(12),
  MAX_QUERY_FIELDS: z.coerce.number().int().min(1).default(1000),
  MAX_QUERY_TOKENS: z.coerce.number().int().min(100).default(DEFAULT_DOCUMENT_LIMITS.maxTokens),
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_DOCUMENT_LIMITS.maxAliases),
  MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(0).default(DEFAULT_DOCUMENT_LIMITS.maxDirectives),
  COST_LIMIT_ANONYMOUS: z.coerce.number().int().min(1).default(DEFAULT_COST_LIMITS.anonymous),
  COST_LIMIT_SIGNED_IN: z.coerce.number().int().min(1).default(DEFAULT_COST_LIMITS.signedIn),
  RATE_LIMIT_SIGNED_IN_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.signedIn.points),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.anonymous.points),
  RATE_LIMIT_CLIENT_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.client.points),
  // Who may introspect when the sandbox is on: anyone (development default) or DATA_STAFF and ADMIN (production default).
  INTROSPECTION: z.enum(['open', 'staff']).optional(),
  SANDBOX: booleanSchema.optional(),
  // Off unless asked for, in development too: traces show file paths and internals to any caller.
  INCLUDE_STACKTRACE: booleanSchema.default(false),
});

// In production: every secret set, strong and used for one purpose only (see @vg/config's secretRules).
const checkedSchema = withSecretChecks(schema, ['JWT_SECRET', 'INTERNAL_SECRET']);

export type GatewayEnvironment = ReturnType<typeof loadEnvironment>;

/** The gateway's whole environment, parsed once; exits listing every problem. */
export function loadEnvironment(env: Record<string, string | undefined> = process.env) {
  const parsed = parseEnvironment(checkedSchema, env);
  const subgraphUrls: Record<string, string> = {};
  for (const { name } of SUBGRAPHS) {
    const url = (parsed as Record<string, unknown>)[`${name.toUpperCase()}_URL`];
    if (typeof url === 'string') subgraphUrls[name] = url;
  }
  return {
    ...parsed,
    jwtSecret: jwtSecret(parsed.JWT_SECRET),
    tokenRules: tokenRulesFrom(parsed),
    internalSecret: internalSecret(parsed.INTERNAL_SECRET),
    subgraphUrls,
    // The sandbox is for development and data staff; off in production unless asked for.
    sandbox: parsed.SANDBOX ?? parsed.NODE_ENV !== 'production',
    introspectionAccess: parsed.INTROSPECTION ?? (parsed.NODE_ENV === 'production' ? 'staff' : 'open'),
    includeStacktrace: parsed.INCLUDE_STACKTRACE as boolean,
  };
}

/** The schema alone, so `pnpm start` can check the gateway's settings before starting anything. */
export { checkedSchema as gatewayEnvironmentSchema };
