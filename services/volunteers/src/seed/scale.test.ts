import { parseIdNumber } from '@vg/standards';
import { PHONE_PATTERN } from '../domain/pii';
import { regionRows } from './regions';
import { generateVolunteers } from './volunteers';

// The city's registered volunteers (2024). Uniqueness is by construction, not by retrying, so it
// must hold — and stay fast — at this size too.
const CITY_SCALE = 980_000;

describe('generateVolunteers at city scale', () => {
  it('makes 980,000 volunteers with unique, valid ID and phone numbers', () => {
    const volunteers = generateVolunteers(20240101, CITY_SCALE, regionRows());
    expect(volunteers).toHaveLength(CITY_SCALE);
    expect(new Set(volunteers.map((v) => v.idNumber)).size).toBe(CITY_SCALE);
    expect(new Set(volunteers.map((v) => v.phone)).size).toBe(CITY_SCALE);
    for (let i = 0; i < CITY_SCALE; i += 997) {
      expect(typeof parseIdNumber(volunteers[i].idNumber)).toBe('object');
      expect(volunteers[i].phone).toMatch(PHONE_PATTERN);
    }
  }, 60_000);
});
