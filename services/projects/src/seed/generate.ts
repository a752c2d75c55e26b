import { type DemoActivities, generateActivities } from './activities';
import type { VolunteersFacts } from './facts';
import { type DemoProjects, generateProjects } from './projects';
import { type DemoServiceRequests, generateRequests } from './requests';

export interface ProjectsDemoOptions {
  /** Same seed, same facts, same `now` ⇒ identical rows. */
  seed: number;
  projects: number;
  activities: number;
  serviceRequests: number;
  /** Statuses and "upcoming" are relative to it. */
  now: Date;
}

export const DEFAULT_PROJECTS_DEMO_OPTIONS: Readonly<Omit<ProjectsDemoOptions, 'now'>> = { seed: 20240101, projects: 120, activities: 3000, serviceRequests: 210 };

/** Plain rows for the projects database, cross-referenced by index (no ids, no database). */
export type ProjectsDemoData = DemoProjects & DemoActivities & DemoServiceRequests;

/**
 * Demo data for the projects subgraph over the volunteers subgraph's `facts`: brands, projects
 * (awards, library history), activities with sign-ups and service records, and service requests
 * with their history. A pure function of its arguments; each part draws from its own stream.
 */
export function generateProjectsDemoData(facts: VolunteersFacts, options: Partial<ProjectsDemoOptions> = {}): ProjectsDemoData {
  const { seed, now, ...counts } = { ...DEFAULT_PROJECTS_DEMO_OPTIONS, now: new Date(), ...options };
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  if (facts.teams.length === 0 || facts.stations.length === 0) throw new RangeError('demo projects need at least one team and one station');
  const at = now.getTime();
  const projects = generateProjects(seed, counts.projects, facts.teams, at);
  const activities = counts.projects === 0 ? { activities: [], signups: [], records: [] } : generateActivities(seed, counts.activities, projects.projects, facts, at);
  const requests = generateRequests(seed, counts.serviceRequests, facts, at);
  return { ...projects, ...activities, ...requests };
}
