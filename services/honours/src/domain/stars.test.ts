import { nextStarFor, starLevelFor } from './stars';

describe('star levels', () => {
  it.each([
    [0, 0],
    [99.5, 0],
    [100, 1],
    [299.9, 1],
    [300, 2],
    [599.5, 2],
    [600, 3],
    [1000, 4],
    [1499.5, 4],
    [1500, 5],
    [4000, 5],
  ])('%s hours → %s stars', (hours, level) => {
    expect(starLevelFor(hours)).toBe(level);
  });

  it('gives the next star and the hours to go, at least half an hour, none at 5 stars', () => {
    expect(nextStarFor(0)).toEqual({ level: 1, hoursToGo: 100 });
    expect(nextStarFor(99.5)).toEqual({ level: 1, hoursToGo: 0.5 });
    expect(nextStarFor(100)).toEqual({ level: 2, hoursToGo: 200 });
    expect(nextStarFor(299.9)).toEqual({ level: 2, hoursToGo: 0.5 });
    expect(nextStarFor(300)).toEqual({ level: 3, hoursToGo: 300 });
    expect(nextStarFor(0.1 + 0.2)).toEqual({ level: 1, hoursToGo: 100 });
    expect(nextStarFor(1500)).toBeNull();
  });
});
