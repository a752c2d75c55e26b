import { isOnSale, normalisePlanCode } from './plan-queries';

describe('plans', () => {
  it('reads plan codes in upper case, trimmed', () => {
    expect(normalisePlanCode(' zbzyb-2024 ')).toBe('ZBZYB-2024');
  });

  it('is on sale from its first day to its last, inclusive; open-ended without a last day', () => {
    const old = { onSaleFrom: '2021-03-05', onSaleUntil: '2023-12-31' };
    expect([isOnSale(old, '2021-03-04'), isOnSale(old, '2021-03-05'), isOnSale(old, '2023-12-31'), isOnSale(old, '2024-01-01')]).toEqual([false, true, true, false]);
    expect(isOnSale({ onSaleFrom: '2024-01-01', onSaleUntil: null }, '2099-01-01')).toBe(true);
  });
});
