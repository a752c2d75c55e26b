/**
 * A small seeded pseudo-random generator for demo data. Everything here is integer arithmetic on
 * 32-bit values (mulberry32), so the same seed gives the same sequence on every machine and Node
 * version — unlike `Math.random`, which cannot be seeded.
 */
// Bound once: under jest every code runs in a vm context, where each lookup of a global such as
// `Math` goes through an interceptor and costs ~0.4 µs — more than the whole generator step.
const { floor, imul } = Math;

export class Random {
  private state: number;

  /** `seed`: any number; only its low 32 bits matter. */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator whose stream depends only on this seed and `label` (not on draws made so far). */
  static derive(seed: number, label: string): Random {
    return new Random(mix32(seed, label));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. Throws on an empty list (a bug in the caller, never data). */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[floor(this.next() * items.length)];
  }

  /** One element of `[item, weight]` pairs, with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** One element, with probability proportional to its weight. For hot loops use `weightedPicker`. */
  pickWeighted<T>(items: readonly T[], weights: readonly number[]): T {
    return weightedPicker(items, weights)(this);
  }

  /** A shuffled copy (Fisher–Yates); the input is left as it was. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** `count` distinct elements (all of them, shuffled, when `count` ≥ the length). */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }
}

/**
 * Precomputes cumulative weights once, so each pick costs one draw and a binary search.
 * Weights must be non-negative with a positive sum, and as many as the items.
 */
export function weightedPicker<T>(items: readonly T[], weights: readonly number[]): (random: Random) => T {
  if (items.length !== weights.length) throw new RangeError('one weight per item');
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    if (!(w >= 0)) throw new RangeError('weights must be non-negative');
    total += w;
    cumulative.push(total);
  }
  if (!(total > 0)) throw new RangeError('weights must have a positive sum');
  return (random) => {
    const x = random.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

/** A well-spread 32-bit hash of a number and a label (FNV-1a over the label, then murmur3's finaliser). */
export function mix32(seed: number, label = ''): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i += 1) h = imul(h ^ label.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** murmur3's 32-bit finaliser: a bijection on 32-bit values that spreads every input bit. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h = imul(h ^ (h >>> 16), 0x85ebca6b);
  h = imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
