import { serviceHours } from './service-hours';

const activity = { startsAt: new Date('2024-05-01T01:00:00Z'), endsAt: new Date('2024-05-01T04:00:00Z') }; // 3 h
const at = (hhmm: string) => new Date(`2024-05-01T${hhmm}:00Z`);

describe('serviceHours', () => {
  it('counts actual time, rounded to the nearest half hour', () => {
    expect(serviceHours(at('01:00'), at('02:10'), activity)).toBe(1);
    expect(serviceHours(at('01:00'), at('02:20'), activity)).toBe(1.5);
    expect(serviceHours(at('01:30'), at('03:44'), activity)).toBe(2);
    expect(serviceHours(at('01:30'), at('03:46'), activity)).toBe(2.5);
  });

  it('counts only time within the activity', () => {
    expect(serviceHours(at('00:00'), at('02:00'), activity)).toBe(1);
    expect(serviceHours(at('01:00'), at('09:00'), activity)).toBe(3);
    expect(serviceHours(at('02:00'), at('01:00'), activity)).toBe(0);
    // Checked in late and out long after the end: only the hour within the activity counts.
    expect(serviceHours(at('03:00'), at('09:00'), activity)).toBe(1);
  });
});
