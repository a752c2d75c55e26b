import { idNumberCheckChar, makeIdNumber, maskIdNumber, parseIdNumber } from './id-number';

describe('parseIdNumber', () => {
  it('accepts the GB 11643 standard example and derives birth date and gender', () => {
    // The worked example from the standard: 11010519491231002X.
    expect(parseIdNumber('11010519491231002x')).toEqual({
      value: '11010519491231002X',
      areaCode: '110105',
      birthDate: '1949-12-31',
      gender: 'FEMALE',
    });
  });

  it('computes check characters per ISO 7064 MOD 11-2', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    const made = makeIdNumber('370303', '1990-03-07', 123);
    expect(made).toHaveLength(18);
    expect(parseIdNumber(made)).toMatchObject({ gender: 'MALE', birthDate: '1990-03-07', areaCode: '370303' });
  });

  it.each([
    ['37030319900307123', 'must be 18 characters'],
    ['3703031990030712345', 'must be 18 characters'],
    ['37030319900307A234', 'must be 18 characters'],
    ['090303199003071234', 'province code'],
    ['370303199002301234', 'impossible birth date'],
    ['370303189912311234', 'out of range'],
  ])('rejects %s (%s)', (input, reason) => {
    expect(parseIdNumber(input)).toEqual(expect.stringContaining(reason));
  });

  it('rejects a wrong check digit', () => {
    const good = makeIdNumber('370303', '1990-03-07', 123);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(parseIdNumber(bad)).toMatch(/check digit/);
  });

  it('rejects birth dates in the future', () => {
    expect(parseIdNumber(makeIdNumber('370303', '2030-01-01', 1), new Date('2026-01-01'))).toMatch(/out of range/);
  });
});

describe('maskIdNumber', () => {
  it('keeps area code and last four', () => {
    expect(maskIdNumber('370303199003071234')).toBe('370303********1234');
  });
});
