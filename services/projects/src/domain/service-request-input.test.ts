import { GraphQLError } from 'graphql';
import { mobilePhone } from '@vg/graphql';
import { ziboRegionCode } from '@vg/standards';
import { fundingAmount, MAX_FUNDING_AMOUNT, newTrackingCode, rating, TRACKING_CODE_LENGTH } from './service-request-input';

/** The BAD_USER_INPUT field `run` throws, or undefined when it does not throw. */
function refusedField(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as GraphQLError).extensions.field as string;
  }
}

describe('service request input', () => {
  it('accepts Zibo region codes of the city, counties, towns and villages only', () => {
    for (const code of ['370300', '370303', '370303001', '370303001201']) expect(ziboRegionCode('r', code)).toBe(code);
    for (const code of ['370200', '3703', '37030', '3703030', '370303001X', '370300001', '370303000', '370303001000', '']) {
      expect(refusedField(() => ziboRegionCode('input.regionCode', code))).toBe('input.regionCode');
    }
  });

  it('takes 11-digit mainland mobile numbers, tolerating spaces and dashes', () => {
    expect(mobilePhone('p', ' 138 0533-1234 ')).toBe('13805331234');
    for (const phone of ['12805331234', '1380533123', '138053312345', '0533-2281234', 'abc']) expect(refusedField(() => mobilePhone('input.contactPhone', phone))).toBe('input.contactPhone');
  });

  it('takes funding amounts from 0 to the maximum in whole fen', () => {
    expect(fundingAmount('amount', 0)).toBe(0);
    expect(fundingAmount('amount', 200.5)).toBe(200.5);
    expect(fundingAmount('amount', 0.1 + 0.2)).toBe(0.3);
    expect(fundingAmount('amount', MAX_FUNDING_AMOUNT)).toBe(MAX_FUNDING_AMOUNT);
    for (const amount of [-0.01, MAX_FUNDING_AMOUNT + 0.01, 1.005, Number.NaN, Number.POSITIVE_INFINITY]) expect(refusedField(() => fundingAmount('amount', amount))).toBe('amount');
  });

  it('takes ratings 1 to 5', () => {
    expect([1, 5].map((r) => rating('rating', r))).toEqual([1, 5]);
    for (const r of [0, 6, 2.5, -1]) expect(refusedField(() => rating('rating', r))).toBe('rating');
  });

  it('draws tracking codes from unambiguous base32, all different', () => {
    const codes = Array.from({ length: 2000 }, newTrackingCode);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[0-9A-HJKMNP-TV-Z]{${TRACKING_CODE_LENGTH}}$`));
    expect(new Set(codes).size).toBe(codes.length);
    // Every one of the 32 characters turns up (a biased or truncated alphabet would not).
    expect(new Set(codes.join('')).size).toBe(32);
  });
});
