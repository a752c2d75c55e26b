import type { Repositories } from './repositories';

export type ActivityLoaders = Record<never, never>;

export function createActivityLoaders(_repos: Repositories): ActivityLoaders {
  return {};
}
