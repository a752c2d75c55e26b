import DataLoader from 'dataloader';
import { batchByKey, batchGroupsByKey, perParentLoader } from '@vg/graphql';
import type { Activity } from './activity.entity';
import type { Brand } from './brand.entity';
import type { DemonstrationLibraryChange } from './demonstration-library-change.entity';
import type { Project } from './project.entity';
import type { ProjectAward } from './project-award.entity';
import type { Repositories } from './repositories';
import type { ServiceRecord } from './service-record.entity';
import type { ServiceRecordCorrection } from './service-record-correction.entity';
import type { ServiceRequest } from './service-request.entity';
import type { ServiceRequestEvent } from './service-request-event.entity';
import type { Signup } from './signup.entity';

/**
 * Every DataLoader of the service, one set per request (made in the context). Each loader issues
 * one statement per batch whatever the number of keys, returns one result per key in key order
 * (null / [] / 0 where nothing matches), and de-duplicates keys.
 */
export interface Loaders {
  // Brands and projects
  brand: DataLoader<string, Brand | null>;
  project: DataLoader<string, Project | null>;
  /** By brand id, ordered by project id. */
  projectsOfBrand: DataLoader<string, Project[]>;
  /** By team id (a Team of the volunteers subgraph), ordered by project id. */
  projectsOfTeam: DataLoader<string, Project[]>;
  /** By project id, oldest year first. */
  awardsOfProject: DataLoader<string, ProjectAward[]>;
  /** By project id, oldest change first. */
  libraryHistoryOfProject: DataLoader<string, DemonstrationLibraryChange[]>;

  // Activities and sign-ups
  activity: DataLoader<string, Activity | null>;
  /** All sign-ups of an activity, in sign-up order. */
  signupsOfActivity: DataLoader<string, Signup[]>;
  /** All sign-ups of a volunteer, soonest activity first. */
  signupsOfVolunteer: DataLoader<string, Signup[]>;
  /** Published activities at a station: key { id: stationId, limit, upcoming }. */
  stationActivities: DataLoader<{ id: string; limit: number; upcoming: boolean }, Activity[], string>;
  /** A project's first activities: key { id: projectId, limit }. */
  projectActivities: DataLoader<{ id: string; limit: number }, Activity[], string>;
  projectActivityCount: DataLoader<string, number>;

  // Service records (of both sources)
  serviceHours: DataLoader<string, number>;
  serviceRecordCount: DataLoader<string, number>;
  /** A volunteer's latest records: key { id: volunteerId, limit }. */
  latestRecords: DataLoader<{ id: string; limit: number }, ServiceRecord[], string>;
  /** A volunteer's records on a date: key { id: volunteerId, date }. */
  recordsOnDate: DataLoader<{ id: string; date: string }, ServiceRecord[], string>;
  record: DataLoader<string, ServiceRecord | null>;
  corrections: DataLoader<string, ServiceRecordCorrection[]>;
  /** The service record each request left on completion (null before). */
  recordOfRequest: DataLoader<string, ServiceRecord | null>;

  // Service requests
  serviceRequest: DataLoader<string, ServiceRequest | null>;
  /** Every step of each request, oldest first. */
  serviceRequestHistory: DataLoader<string, ServiceRequestEvent[]>;
}

function countsLoader(fetch: (ids: readonly string[]) => Promise<{ key: string; value: number }[]>): DataLoader<string, number> {
  return new DataLoader(async (ids) => batchByKey(ids, await fetch(ids), (r) => r.key).map((r) => r?.value ?? 0));
}

export function createLoaders(repos: Repositories): Loaders {
  const project: Loaders['project'] = new DataLoader(async (ids) => batchByKey(ids, await repos.projects.byIds(ids), (p) => p.id));
  // Projects found through a brand or team are primed, so resolving them again costs nothing.
  const primed = (rows: Project[]) => {
    for (const row of rows) project.prime(row.id, row);
    return rows;
  };
  return {
    brand: new DataLoader(async (ids) => batchByKey(ids, await repos.projects.brandsByIds(ids), (b) => b.id)),
    project,
    projectsOfBrand: new DataLoader(async (ids) => batchGroupsByKey(ids, primed(await repos.projects.ofBrands(ids)), (p) => p.brandId ?? '')),
    projectsOfTeam: new DataLoader(async (ids) => batchGroupsByKey(ids, primed(await repos.projects.ofTeams(ids)), (p) => p.teamId)),
    awardsOfProject: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.projects.awardsOf(ids), (a) => a.projectId)),
    libraryHistoryOfProject: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.projects.libraryHistoryOf(ids), (c) => c.projectId)),

    activity: new DataLoader(async (ids) => batchByKey(ids, await repos.activities.byIds(ids), (a) => a.id)),
    signupsOfActivity: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.signups.ofActivities(ids), (s) => s.activityId)),
    signupsOfVolunteer: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.signups.ofVolunteers(ids), (s) => s.volunteerId)),
    stationActivities: perParentLoader(
      (ids, { limit, upcoming }) => repos.activities.publishedAtStations(ids, upcoming, limit),
      (a) => a.stationId,
    ),
    projectActivities: perParentLoader(
      (ids, { limit }) => repos.activities.firstOfProjects(ids, limit),
      (a) => a.projectId,
    ),
    projectActivityCount: countsLoader(async (ids) => (await repos.activities.countByProjects(ids)).map((r) => ({ key: r.projectId, value: r.count }))),

    serviceHours: countsLoader(async (ids) => (await repos.records.totalHours(ids)).map((r) => ({ key: r.volunteerId, value: r.hours }))),
    serviceRecordCount: countsLoader(async (ids) => (await repos.records.countOf(ids)).map((r) => ({ key: r.volunteerId, value: r.count }))),
    latestRecords: perParentLoader(
      (ids, { limit }) => repos.records.latestOf(ids, limit),
      (r) => r.volunteerId,
    ),
    recordsOnDate: perParentLoader(
      (ids, { date }) => repos.records.onDate(ids, date),
      (r) => r.volunteerId,
    ),
    record: new DataLoader(async (ids) => batchByKey(ids, await repos.records.byIds(ids), (r) => r.id)),
    corrections: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.records.correctionsOf(ids), (c) => c.recordId)),
    recordOfRequest: new DataLoader(async (ids) => batchByKey(ids, await repos.records.ofRequests(ids), (r) => r.serviceRequestId!)),

    serviceRequest: new DataLoader(async (ids) => batchByKey(ids, await repos.requests.byIds(ids), (r) => r.id)),
    serviceRequestHistory: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.requests.eventsOf(ids), (e) => e.requestId)),
  };
}
