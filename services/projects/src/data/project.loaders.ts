import type { Repositories } from './repositories';

export type ProjectLoaders = Record<never, never>;

export function createProjectLoaders(_repos: Repositories): ProjectLoaders {
  return {};
}
