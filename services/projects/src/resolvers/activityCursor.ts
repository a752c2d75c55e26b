import { badUserInput, decodeCursor, idArgument } from '@vg/graphql';
import type { Activity } from '../data/activity.entity';
import type { ActivityPosition } from '../data/activity.repository';

/** The keyset position of an activity in lists (start time, then id), as a cursor's content. */
export const activityPosition = (a: Activity): string => `${a.startsAt.toISOString()}|${a.id}`;

/** The position inside an activity cursor; BAD_USER_INPUT on `after` when it is not one. */
export function activityAfter(after: string | null | undefined): ActivityPosition | undefined {
  if (after == null) return undefined;
  const [startsAt, id] = decodeCursor(after).split('|');
  const date = new Date(startsAt);
  if (Number.isNaN(date.getTime()) || !id) throw badUserInput('after', 'not a cursor returned by this API');
  return { startsAt: date, id: idArgument('after', id) };
}
