import { createActivityLoaders, type ActivityLoaders } from './activity.loaders';
import { createProjectLoaders, type ProjectLoaders } from './project.loaders';
import type { Repositories } from './repositories';
import { createServiceRequestLoaders, type ServiceRequestLoaders } from './service-request.loaders';

/**
 * One set per request (made in the context). Each loader issues one statement per batch whatever
 * the number of keys, returns one result per key in key order (null / [] where nothing matches),
 * and de-duplicates keys.
 */
export type Loaders = ProjectLoaders & ActivityLoaders & ServiceRequestLoaders;

export function createLoaders(repos: Repositories): Loaders {
  return { ...createProjectLoaders(repos), ...createActivityLoaders(repos), ...createServiceRequestLoaders(repos) };
}
