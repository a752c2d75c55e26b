import { randomBytes } from 'node:crypto';
import { FieldCipher } from './FieldCipher';
import { keyedHash } from './keyedHash';
import { maskMiddle } from './mask';

const key = randomBytes(32).toString('base64');

describe('FieldCipher', () => {
  it('round-trips, with a fresh IV each time', () => {
    const cipher = new FieldCipher(key);
    const a = cipher.encrypt('370303199001011234');
    const b = cipher.encrypt('370303199001011234');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('utf8')).not.toContain('370303');
    expect(cipher.decrypt(a)).toBe('370303199001011234');
  });

  it('refuses a wrong key and tampered bytes', () => {
    const stored = new FieldCipher(key).encrypt('13800000000');
    expect(() => new FieldCipher(randomBytes(32).toString('hex')).decrypt(stored)).toThrow();
    const tampered = Buffer.from(stored);
    tampered[tampered.length - 1] ^= 1;
    expect(() => new FieldCipher(key).decrypt(tampered)).toThrow();
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => new FieldCipher('c2hvcnQ=')).toThrow(/32 bytes/);
  });
});

describe('keyedHash', () => {
  it('depends on the key', () => {
    expect(keyedHash('k1', 'x')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash('k1', 'x')).toBe(keyedHash('k1', 'x'));
    expect(keyedHash('k1', 'x')).not.toBe(keyedHash('k2', 'x'));
  });
});

describe('maskMiddle', () => {
  it('keeps the ends', () => {
    expect(maskMiddle('370303199001011234', 6, 4)).toBe('370303********1234');
    expect(maskMiddle('13812345678', 3, 4)).toBe('138****5678');
    expect(maskMiddle('张三', 1, 0)).toBe('张*');
    expect(maskMiddle('ab', 1, 1)).toBe('**');
  });
});
