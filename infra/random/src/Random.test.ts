import { Random, weightedPicker } from './Random';

describe('Random', () => {
  it('repeats its sequence for a seed, and differs between seeds and labels', () => {
    const draw = (r: Random) => Array.from({ length: 5 }, () => r.next());
    expect(draw(new Random(42))).toEqual(draw(new Random(42)));
    expect(draw(new Random(42))).not.toEqual(draw(new Random(43)));
    expect(draw(Random.derive(42, 'a'))).not.toEqual(draw(Random.derive(42, 'b')));
    // Pinned to the reference mulberry32 (seed 1 starts 0.62707394…): a change to the generator
    // would silently change every seeded database.
    const one = new Random(1);
    expect(one.next()).toBeCloseTo(0.6270739405881613, 15);
    expect([one.int(0, 999), one.int(0, 999)]).toEqual([2, 527]);
  });

  it('keeps int within bounds, inclusive, and reaches both ends', () => {
    const r = new Random(1);
    const seen = new Set(Array.from({ length: 1000 }, () => r.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('picks by weight, never an item of weight 0', () => {
    const pick = weightedPicker(['a', 'b', 'c'], [1, 0, 3]);
    const r = new Random(9);
    const counts = { a: 0, b: 0, c: 0 } as Record<string, number>;
    for (let i = 0; i < 4000; i += 1) counts[pick(r)] += 1;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.5);
    expect(counts.c / counts.a).toBeLessThan(3.5);
    expect(() => weightedPicker(['a'], [0])).toThrow(RangeError);
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = new Random(5).shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort()).toEqual(input);
    expect(shuffled).not.toEqual(input);
  });
});
