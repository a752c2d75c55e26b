import { z } from 'zod';
import { jwtSecret, parseEnvironment, sharedSecretsSchema, withSecretChecks } from '@vg/config';
import { DEFAULT_TOKEN_RULES, type TokenRules } from '@vg/graphql';

/** The token settings the gateway and `pnpm run token` share, so a minted token is one the gateway accepts. */
export const tokenSettingsShape = {
  JWT_SECRET: sharedSecretsSchema.JWT_SECRET,
  JWT_ISSUER: z.string().min(1).default(DEFAULT_TOKEN_RULES.issuer),
  JWT_AUDIENCE: z.string().min(1).default(DEFAULT_TOKEN_RULES.audience),
  JWT_MAX_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(DEFAULT_TOKEN_RULES.maxLifetimeSeconds),
};

/** The rules tokens are minted and verified by, from the parsed token settings. */
export function tokenRulesFrom(parsed: { JWT_ISSUER: string; JWT_AUDIENCE: string; JWT_MAX_LIFETIME_SECONDS: number }): TokenRules {
  return { issuer: parsed.JWT_ISSUER, audience: parsed.JWT_AUDIENCE, maxLifetimeSeconds: parsed.JWT_MAX_LIFETIME_SECONDS, clockSkewSeconds: DEFAULT_TOKEN_RULES.clockSkewSeconds };
}

const tokenSchema = withSecretChecks(z.object({ NODE_ENV: z.enum(['development', 'production', 'test']).default('development'), ...tokenSettingsShape }), ['JWT_SECRET']);

/** `pnpm run token`'s environment: the signing secret (refused in production when weak) and the rules; exits listing every problem. */
export function loadTokenEnvironment(env: Record<string, string | undefined> = process.env): { jwtSecret: string; tokenRules: TokenRules } {
  const parsed = parseEnvironment(tokenSchema, env);
  return { jwtSecret: jwtSecret(parsed.JWT_SECRET), tokenRules: tokenRulesFrom(parsed) };
}
