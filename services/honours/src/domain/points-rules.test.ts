import { expiryOf, pointsFor, ruleOn } from './points-rules';

const rules = [
  { effectiveFrom: '2000-01-01', pointsPerHour: 10, coefficients: [{ theme: 'EMERGENCY_RESCUE', coefficient: 1.5 }] },
  { effectiveFrom: '2026-07-01', pointsPerHour: 12, coefficients: [] },
];

describe('points rules', () => {
  it('takes the rule in force on the service date, never a later one', () => {
    expect(ruleOn(rules, '2026-06-30')?.pointsPerHour).toBe(10);
    expect(ruleOn(rules, '2026-07-01')?.pointsPerHour).toBe(12);
    expect(ruleOn(rules, '1999-12-31')?.pointsPerHour).toBe(10);
    expect(ruleOn([], '2026-01-01')).toBeNull();
  });

  it('multiplies hours by the rate and the theme coefficient, rounding half up', () => {
    expect(pointsFor(rules[0], 'EXAM_SUPPORT', 2.5)).toBe(25);
    expect(pointsFor(rules[0], 'EMERGENCY_RESCUE', 2.5)).toBe(38);
    expect(pointsFor(rules[0], 'EMERGENCY_RESCUE', 0.1)).toBe(2);
    expect(pointsFor({ effectiveFrom: '2000-01-01', pointsPerHour: 3.33, coefficients: [] }, 'X', 0.3)).toBe(1);
    expect(pointsFor(rules[0], 'EXAM_SUPPORT', 0)).toBe(0);
    expect(pointsFor(null, 'EXAM_SUPPORT', 3)).toBe(0);
  });

  it('expires points three years after they were earned', () => {
    expect(expiryOf('2023-05-14')).toBe('2026-05-14');
    expect(expiryOf('2024-02-29')).toBe('2027-02-28');
  });
});
