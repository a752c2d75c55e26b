import { parseIdNumber } from '@vg/standards';
import { PHONE_PATTERN } from '../domain/pii';
import { dayNumber } from './dates';
import { IdNumberAllocator, PhoneAllocator } from './identities';
import { Random } from '@vg/random';

describe('IdNumberAllocator', () => {
  it('never repeats, even when a birth date runs out of sequence numbers and moves on', () => {
    const firstDay = dayNumber('2000-01-01');
    const ids = new IdNumberAllocator(1, ['370303'], firstDay, firstDay + 2); // 3 days × 499 per gender
    const made = Array.from({ length: 1400 }, () => ids.allocate(0, firstDay, 'FEMALE'));
    expect(new Set(made.map((m) => m.idNumber)).size).toBe(1400);
    expect(made.slice(0, 499).every((m) => m.day === firstDay)).toBe(true);
    expect(made[499].day).toBe(firstDay + 1);
    for (const { idNumber, day } of made) {
      expect(parseIdNumber(idNumber)).toMatchObject({ gender: 'FEMALE', areaCode: '370303', birthDate: new Date(day * 86_400_000).toISOString().slice(0, 10) });
    }
  });
});

describe('PhoneAllocator', () => {
  it('hands out valid numbers that never repeat, the same ones for the same seed', () => {
    const draw = (seed: number) => {
      const phones = new PhoneAllocator(seed);
      const random = new Random(seed);
      return Array.from({ length: 200_000 }, () => phones.allocate(random));
    };
    const made = draw(3);
    expect(new Set(made).size).toBe(made.length);
    expect(made.every((p) => PHONE_PATTERN.test(p))).toBe(true);
    expect(draw(3)).toEqual(made);
    expect(draw(4).slice(0, 10)).not.toEqual(made.slice(0, 10));
  });
});
