import { GraphQLError } from 'graphql';
import { isWithinRegion, regionCodeArgument, regionPrefix } from '@vg/standards';
import { awardYear, chinaYear, endOfYear } from './project-rules';

/** The `extensions` of the GraphQLError `action` throws. */
function errorOf(action: () => unknown): Record<string, unknown> {
  try {
    action();
  } catch (error) {
    if (error instanceof GraphQLError) return error.extensions;
    throw error;
  }
  throw new Error('did not throw');
}

describe('regionPrefix', () => {
  it.each([
    ['370300', '3703'], // the city: every county, town and village of Zibo
    ['370000', '37'], // a province
    ['370303', '370303'], // a county
    ['370303001', '370303001'], // a town
    ['370303001002', '370303001002'], // a village
  ])('%s matches codes starting %s', (code, prefix) => {
    expect(regionPrefix(code)).toBe(prefix);
  });

  it('puts counties, towns and villages inside the city and their county, but not inside a neighbour', () => {
    expect(isWithinRegion('370305102', '370300')).toBe(true);
    expect(isWithinRegion('370305102', '370305')).toBe(true);
    expect(isWithinRegion('370305', '370305')).toBe(true);
    expect(isWithinRegion('370306', '370305')).toBe(false);
    expect(isWithinRegion('370305', '370305102')).toBe(false);
    expect(isWithinRegion('370200', '370300')).toBe(false);
  });
});

describe('regionCodeArgument', () => {
  it('accepts 6, 9 and 12 digits, trimmed', () => {
    expect(regionCodeArgument('input.regionCode', ' 370303001 ')).toBe('370303001');
    expect(regionCodeArgument('input.regionCode', '370303001002')).toBe('370303001002');
  });

  it.each(['3703', '3703030', '37030300100', 'abcdef', ''])('refuses %j, naming the field', (code) => {
    expect(errorOf(() => regionCodeArgument('input.regionCode', code))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCode' });
  });
});

describe('years', () => {
  it('ends a year at midnight in China, eight hours before UTC midnight', () => {
    expect(endOfYear('year', 2024).toISOString()).toBe('2024-12-31T16:00:00.000Z');
  });

  it('knows the Chinese calendar year of an instant near midnight', () => {
    expect(chinaYear(new Date('2024-12-31T15:59:59Z'))).toBe(2024);
    expect(chinaYear(new Date('2024-12-31T16:00:00Z'))).toBe(2025);
  });

  it('refuses library years outside 1990–2100 and fractional ones', () => {
    for (const year of [1989, 2101, 2024.5]) expect(errorOf(() => endOfYear('year', year))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('accepts award years from 1990 to this year only', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    expect(awardYear('input.year', 2024, now)).toBe(2024);
    expect(awardYear('input.year', 2025, now)).toBe(2025);
    expect(errorOf(() => awardYear('input.year', 2026, now))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
    expect(errorOf(() => awardYear('input.year', 1989, now))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.year' });
  });
});
