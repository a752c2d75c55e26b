import { randomBytes } from 'node:crypto';
import { devSecret } from './devSecret';
import { SECRETS } from './secretRules';

describe('devSecret', () => {
  const nodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('falls back to the development default outside production', () => {
    expect(devSecret('JWT_SECRET', undefined, 'fallback')).toBe('fallback');
    expect(devSecret('JWT_SECRET', SECRETS.JWT_SECRET.development, 'fallback')).toBe(SECRETS.JWT_SECRET.development);
  });

  it('refuses in production a missing or weak secret even for a caller that skipped the schema', () => {
    process.env.NODE_ENV = 'production';
    expect(() => devSecret('JWT_SECRET', undefined, 'fallback')).toThrow('JWT_SECRET must be set in production');
    expect(() => devSecret('JWT_SECRET', SECRETS.JWT_SECRET.development, 'fallback')).toThrow(/^JWT_SECRET is a development default/);
    const strong = randomBytes(48).toString('base64');
    expect(devSecret('JWT_SECRET', strong, 'fallback')).toBe(strong);
  });
});
