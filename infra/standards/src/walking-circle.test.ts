import { checkCoordinates, MAX_WALKING_MINUTES, walkingMinutesArgument, walkingMinutesFor } from './walking-circle';

const fieldOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { code?: string; field?: string } }).extensions;
  }
  return undefined;
};

describe('the walking circle (stations, redemption points, package offers)', () => {
  it('accepts points on the earth and names the coordinate that is not', () => {
    expect(fieldOf(() => checkCoordinates(36.81, 118.05))).toBeUndefined();
    expect(fieldOf(() => checkCoordinates(90.5, 118))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lat' });
    expect(fieldOf(() => checkCoordinates(36, -180.01))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lng' });
    expect(fieldOf(() => checkCoordinates(Number.NaN, 0))).toMatchObject({ field: 'lat' });
    expect(fieldOf(() => checkCoordinates(0, Number.POSITIVE_INFINITY))).toMatchObject({ field: 'lng' });
    expect(fieldOf(() => checkCoordinates(0, 200, 'input.'))).toMatchObject({ field: 'input.lng' });
  });

  it('walks 15 minutes by default, whole minutes from 1 to the maximum', () => {
    expect(walkingMinutesArgument(undefined)).toBe(15);
    expect(walkingMinutesArgument(MAX_WALKING_MINUTES)).toBe(MAX_WALKING_MINUTES);
    for (const bad of [0, -5, 1.5, MAX_WALKING_MINUTES + 1]) expect(fieldOf(() => walkingMinutesArgument(bad))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'walkingMinutes' });
  });

  it('rounds walking time up, never below a minute', () => {
    expect([0, 1, 80, 81, 500].map(walkingMinutesFor)).toEqual([1, 1, 1, 2, 7]);
  });
});
