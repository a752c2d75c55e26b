import { compactDay } from './dates';
import { fmix32, mix32, type Random, weightedPicker } from '@vg/random';
import type { Gender } from './names';

/**
 * Hands out resident ID numbers that are unique by construction, at any scale up to the space's
 * capacity (≈ 500 per area code, birth date and gender): each (area, day, gender) slot keeps a
 * counter, and its n-th number uses sequence `(start + n) mod 499`, where `start` is a hash of the
 * slot — so numbers look scattered, never repeat, and no retry loop is needed.
 */
export class IdNumberAllocator {
  private static readonly PER_SLOT = 499;
  private readonly counters: Uint16Array;
  private readonly days: number;
  /** Weighted digit sums (see `weightedSum`) of each area code and each birth date in range. */
  private readonly areaSums: readonly number[];
  private readonly daySums: Int32Array;

  /** `firstDay`/`lastDay`: the birth-date range as day numbers, both inclusive. */
  constructor(
    private readonly seed: number,
    private readonly areaCodes: readonly string[],
    private readonly firstDay: number,
    lastDay: number,
  ) {
    this.days = lastDay - firstDay + 1;
    this.counters = new Uint16Array(areaCodes.length * this.days * 2);
    this.areaSums = areaCodes.map((code) => weightedSum(code, 0));
    this.daySums = new Int32Array(this.days).map((_, i) => weightedSum(compactDay(firstDay + i), 6));
  }

  /**
   * A new number for someone born on `day` (a day number in range) in `areaCodes[area]`. Odd
   * sequences are male, even female (GB 11643). Should the slot be full, the birth date moves on
   * to the next day with room; the returned `day` is the one encoded. Throws a RangeError only
   * when every day of the range is full.
   */
  allocate(area: number, day: number, gender: Gender): { idNumber: string; day: number } {
    let offset = day - this.firstDay;
    for (let tried = 0; tried < this.days; tried += 1) {
      const slot = ((area * this.days + offset) << 1) | (gender === 'MALE' ? 1 : 0);
      const n = this.counters[slot];
      if (n < IdNumberAllocator.PER_SLOT) {
        this.counters[slot] = n + 1;
        const v = (fmix32(slot ^ this.seed) + n) % IdNumberAllocator.PER_SLOT;
        const sequence = gender === 'MALE' ? 1 + 2 * v : 2 + 2 * v; // 001–997 odd, 002–998 even
        // What makeIdNumber builds, from parts formatted and summed once instead of per number.
        const check = CHECK_CHARS[(this.areaSums[area] + this.daySums[offset] + SEQUENCE_SUMS[sequence]) % 11];
        // join() yields one flat string; `+` would keep a rope of 3–4 nodes per number alive.
        const idNumber = [this.areaCodes[area], compactDay(this.firstDay + offset), SEQUENCES[sequence], check].join('');
        return { idNumber, day: this.firstDay + offset };
      }
      offset = (offset + 1) % this.days;
    }
    throw new RangeError(`no ID numbers left for area ${this.areaCodes[area]} and gender ${gender}`);
  }
}

// GB 11643's check (ISO 7064 MOD 11-2, as in domain/idNumber.ts), split into per-part sums so a
// number costs three look-ups, not a 17-digit loop (which, under jest, costs ~8 s per million).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Σ digit × weight for `digits` standing at positions `from`… of the 17. */
function weightedSum(digits: string, from: number): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) sum += (digits.charCodeAt(i) - 48) * WEIGHTS[from + i];
  return sum;
}

const { imul } = Math; // bound once: see random.ts
const SEQUENCES = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const SEQUENCE_SUMS = SEQUENCES.map((sequence) => weightedSum(sequence, 14));

/** Mobile number prefixes of the three carriers, weighted roughly by how many users they have. */
const MOBILE_PREFIXES: readonly (readonly [string, number])[] = [
  ['134', 3],
  ['135', 5],
  ['136', 5],
  ['137', 5],
  ['138', 6],
  ['139', 6],
  ['150', 4],
  ['151', 4],
  ['152', 3],
  ['157', 2],
  ['158', 4],
  ['159', 4],
  ['178', 2],
  ['182', 3],
  ['183', 3],
  ['187', 3],
  ['188', 3],
  ['198', 2],
  ['130', 3],
  ['131', 3],
  ['132', 3],
  ['155', 2],
  ['156', 3],
  ['166', 1],
  ['175', 1],
  ['176', 2],
  ['185', 3],
  ['186', 4],
  ['133', 2],
  ['153', 2],
  ['173', 1],
  ['177', 2],
  ['180', 2],
  ['181', 2],
  ['189', 3],
  ['199', 1],
];

const SUBSCRIBERS = 100_000_000; // 8 digits after the prefix
const MASK_27 = (1 << 27) - 1; // 2^27 > 10^8

/**
 * Hands out mainland mobile numbers that are unique by construction: a per-prefix counter is
 * mapped through a keyed permutation of the 8-digit subscriber space, so consecutive numbers look
 * random but two calls never return the same number.
 */
export class PhoneAllocator {
  private readonly pickPrefix = weightedPicker(
    MOBILE_PREFIXES.map((_, i) => i),
    MOBILE_PREFIXES.map(([, weight]) => weight),
  );
  private readonly counters = new Uint32Array(MOBILE_PREFIXES.length);
  private readonly keys: readonly number[];

  constructor(seed: number) {
    this.keys = MOBILE_PREFIXES.map(([prefix]) => mix32(seed, prefix));
  }

  /** A new 11-digit number; the prefix is drawn from `random`. */
  allocate(random: Random): string {
    const p = this.pickPrefix(random);
    const n = this.counters[p]++;
    if (n >= SUBSCRIBERS) throw new RangeError('mobile prefix exhausted');
    return MOBILE_PREFIXES[p][0] + `${permuteSubscriber(n, this.keys[p])}`.padStart(8, '0');
  }
}

/**
 * A bijection on [0, 10^8) keyed by `key`: invertible 27-bit steps (add, odd multiply, xor-shift),
 * cycle-walked until the value falls back inside the range.
 */
function permuteSubscriber(n: number, key: number): number {
  let x = n;
  do {
    x = (x + key) & MASK_27;
    x = imul(x, 0x2c1b3c6d) & MASK_27;
    x ^= x >>> 14;
    x = imul(x, 0x297a2d39) & MASK_27;
    x ^= x >>> 12;
    x = (x + (key >>> 5)) & MASK_27;
  } while (x >= SUBSCRIBERS);
  return x;
}
