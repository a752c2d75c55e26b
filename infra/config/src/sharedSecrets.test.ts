import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { EnvironmentError, parseEnvironment } from './parseEnvironment';
import { SECRETS } from './secretRules';
import { sharedSecretsSchema, withSecretChecks } from './sharedSecrets';

const schema = withSecretChecks(
  z.object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().optional(),
    JWT_SECRET: sharedSecretsSchema.JWT_SECRET,
    INTERNAL_SECRET: sharedSecretsSchema.INTERNAL_SECRET,
  }),
  ['JWT_SECRET', 'INTERNAL_SECRET'],
);

function problems(env: Record<string, string>): string[] {
  try {
    parseEnvironment(schema, env, { exitOnError: false });
    return [];
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    return error.problems;
  }
}

describe('withSecretChecks', () => {
  const dev = { JWT_SECRET: SECRETS.JWT_SECRET.development, INTERNAL_SECRET: SECRETS.INTERNAL_SECRET.development };

  it('lets development run unset or with the development defaults', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ NODE_ENV: 'development', ...dev })).toEqual([]);
  });

  it('refuses in production the committed defaults set explicitly, naming the variable and never the value', () => {
    const found = problems({ NODE_ENV: 'production', ...dev });
    expect(found).toEqual([expect.stringMatching(/^JWT_SECRET: is a development default/), expect.stringMatching(/^INTERNAL_SECRET: is a development default/)]);
    for (const value of Object.values(dev)) expect(found.join('\n')).not.toContain(value);
  });

  it('refuses in production unset secrets and one secret for two purposes, alongside the other problems', () => {
    expect(problems({ NODE_ENV: 'production', PORT: 'x' })).toEqual([
      expect.stringMatching(/^PORT:/),
      'JWT_SECRET: must be set in production (openssl rand -base64 48)',
      'INTERNAL_SECRET: must be set in production (openssl rand -base64 48)',
    ]);
    const same = randomBytes(48).toString('base64');
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: same, INTERNAL_SECRET: same })).toEqual(['INTERNAL_SECRET: is the same value as JWT_SECRET: each secret must have one purpose']);
  });

  it('accepts distinct strong secrets in production, and keeps the schema an object', () => {
    expect(problems({ NODE_ENV: 'production', JWT_SECRET: randomBytes(48).toString('base64'), INTERNAL_SECRET: randomBytes(48).toString('base64') })).toEqual([]);
    expect(Object.keys(schema.shape)).toContain('JWT_SECRET');
  });
});
