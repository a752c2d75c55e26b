import { randomBytes } from 'node:crypto';
import { productionSecretIssues, SECRETS, secretWeakness, shannonBitsPerSymbol } from './secretRules';

const strong = () => randomBytes(48).toString('base64');
const aesKey = () => randomBytes(32).toString('base64');

describe('secretWeakness (production)', () => {
  it('accepts generated secrets of every usual encoding', () => {
    for (let i = 0; i < 200; i++) {
      expect(secretWeakness('JWT_SECRET', strong())).toBeUndefined();
      expect(secretWeakness('INTERNAL_SECRET', randomBytes(24).toString('base64url'))).toBeUndefined();
      expect(secretWeakness('PII_HASH_KEY', randomBytes(32).toString('hex'))).toBeUndefined();
      expect(secretWeakness('PII_ENCRYPTION_KEY', aesKey())).toBeUndefined();
      expect(secretWeakness('PII_ENCRYPTION_KEY', randomBytes(32).toString('hex'))).toBeUndefined();
    }
  });

  it('refuses every committed development default, for any variable', () => {
    for (const { development } of Object.values(SECRETS)) {
      for (const name of ['JWT_SECRET', 'INTERNAL_SECRET', 'PII_HASH_KEY', 'PII_ENCRYPTION_KEY'] as const) {
        expect(secretWeakness(name, development)).toMatch(/development default committed/);
      }
    }
  });

  it('refuses placeholders, even long ones', () => {
    for (const value of ['change-me', 'secret', 'password', 'CHANGE-ME-please-0f9a8b7c6d5e4f3a2b1c0d9e8f7a', 'my-jwt-secret-for-production-use-x9', 'Passw0rd-Passw0rd-Passw0rd-Passw0rd']) {
      expect(secretWeakness('JWT_SECRET', value)).toMatch(/placeholder/);
    }
  });

  it('refuses text secrets under 32 characters', () => {
    const value = randomBytes(32).toString('base64url').slice(0, 31);
    expect(secretWeakness('INTERNAL_SECRET', value)).toMatch(/too short: at least 32 characters/);
    expect(secretWeakness('INTERNAL_SECRET', `${value}x`)).toBeUndefined();
  });

  it('refuses one repeated character, runs and sequences, and low entropy', () => {
    expect(secretWeakness('PII_HASH_KEY', 'x'.repeat(40))).toMatch(/one character repeated/);
    expect(secretWeakness('PII_HASH_KEY', 'abcdefghijklmnopqrstuvwxyzABCDEF')).toMatch(/repeated or consecutive/);
    expect(secretWeakness('PII_HASH_KEY', '98765432109876543210987654321098')).toMatch(/repeated or consecutive/);
    expect(secretWeakness('PII_HASH_KEY', 'aabbccddeeffgghhiijjkkllmmnnoopp')).toMatch(/repeated or consecutive/);
    expect(secretWeakness('PII_HASH_KEY', 'a1Xa1Xa1Xa1Xa1Xa1Xa1Xa1Xa1Xa1Xa1X')).toMatch(/too little entropy/);
    expect(shannonBitsPerSymbol([1, 2, 1, 2])).toBe(1);
  });

  it('wants an AES key of exactly 32 random bytes', () => {
    expect(secretWeakness('PII_ENCRYPTION_KEY', randomBytes(31).toString('base64'))).toMatch(/exactly 32 bytes/);
    expect(secretWeakness('PII_ENCRYPTION_KEY', randomBytes(33).toString('hex'))).toMatch(/exactly 32 bytes/);
    expect(secretWeakness('PII_ENCRYPTION_KEY', strong())).toMatch(/exactly 32 bytes/);
    expect(secretWeakness('PII_ENCRYPTION_KEY', `${aesKey().slice(0, 40)}!!!=`)).toMatch(/exactly 32 bytes/);
    expect(secretWeakness('PII_ENCRYPTION_KEY', Buffer.from('an-encoded-password-of-32-bytes!').toString('base64'))).toMatch(/readable text/);
    expect(secretWeakness('PII_ENCRYPTION_KEY', Buffer.alloc(32).toString('base64'))).toMatch(/one byte repeated/);
    expect(secretWeakness('PII_ENCRYPTION_KEY', Buffer.from([...Array(32).keys()]).toString('hex'))).toMatch(/consecutive bytes/);
  });

  it('never repeats the value in its reason', () => {
    const value = 'Zq'.repeat(10);
    expect(secretWeakness('JWT_SECRET', value)).not.toContain(value);
  });
});

describe('productionSecretIssues', () => {
  it('names each unset, weak and reused secret with its reason', () => {
    const shared = strong();
    expect(productionSecretIssues({ JWT_SECRET: shared, INTERNAL_SECRET: shared, PII_HASH_KEY: 'short' }, ['JWT_SECRET', 'INTERNAL_SECRET', 'PII_HASH_KEY', 'PII_ENCRYPTION_KEY'])).toEqual([
      { variable: 'INTERNAL_SECRET', message: 'is the same value as JWT_SECRET: each secret must have one purpose' },
      { variable: 'PII_HASH_KEY', message: expect.stringMatching(/too short/) },
      { variable: 'PII_ENCRYPTION_KEY', message: expect.stringMatching(/must be set in production/) },
    ]);
  });

  it('is empty for distinct strong secrets, and looks only at the names asked for', () => {
    expect(productionSecretIssues({ JWT_SECRET: strong(), INTERNAL_SECRET: strong(), PII_HASH_KEY: 'weak' }, ['JWT_SECRET', 'INTERNAL_SECRET'])).toEqual([]);
  });
});
