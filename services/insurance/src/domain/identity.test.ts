import { createHmac } from 'node:crypto';
import { isWellFormedIdNumber, looksLikeIdNumber } from '@vg/standards';
import { IdentityHasher, normaliseName } from './identity';

describe('IdentityHasher', () => {
  it("hashes ID numbers exactly as the volunteers service does: HMAC-SHA256 of 'id:' + trimmed, upper case", () => {
    const expected = createHmac('sha256', 'k').update('id:37030320090102003X', 'utf8').digest('hex');
    expect(new IdentityHasher('k').idNumberHash(' 37030320090102003x ')).toBe(expected);
    expect(new IdentityHasher('other').idNumberHash('37030320090102003X')).not.toBe(expected);
  });

  it('fingerprints batches with the key, apart from ID numbers', () => {
    const hasher = new IdentityHasher('k');
    expect(hasher.batchContentHash('x')).toMatch(/^[0-9a-f]{64}$/);
    expect(hasher.batchContentHash('x')).not.toBe(new IdentityHasher('k2').batchContentHash('x'));
    expect(hasher.batchContentHash('37030320090102003X')).not.toBe(hasher.idNumberHash('37030320090102003X'));
  });
});

describe('ID numbers and names', () => {
  it('checks the form and the GB 11643 check character', () => {
    expect(isWellFormedIdNumber('37030320090102003X')).toBe(true);
    expect(isWellFormedIdNumber('37030320090102003x')).toBe(true);
    expect(isWellFormedIdNumber('370303200901020010')).toBe(false);
    expect(isWellFormedIdNumber('3703032009010200')).toBe(false);
    expect(looksLikeIdNumber('370303200901020010')).toBe(true);
    expect(looksLikeIdNumber('P2024370300000001')).toBe(false);
  });

  it('compares names without spacing and width differences', () => {
    expect(normaliseName(' 欧阳 娜娜 ')).toBe('欧阳娜娜');
    expect(normaliseName('ＡＢＣ')).toBe('ABC');
  });
});
