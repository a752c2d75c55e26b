import { idArgument, notFound } from '@vg/graphql';
import type { Activity } from '../data/activity.entity';
import type { Repositories } from '../data/repositories';

/**
 * The activity with `id` (BAD_USER_INPUT naming `field` for a malformed id, NOT_FOUND when there
 * is none). With `lock`, its row stays locked until the transaction ends, so concurrent sign-ups
 * and status changes wait for this one.
 */
export async function existingActivity(repos: Repositories, field: string, id: string, { lock = false } = {}): Promise<Activity> {
  const key = idArgument(field, id);
  const activity = lock ? await repos.activities.lockById(key) : (await repos.activities.byIds([key]))[0];
  if (!activity) throw notFound('Activity', id);
  return activity;
}
