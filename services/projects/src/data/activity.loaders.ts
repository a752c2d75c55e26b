import DataLoader from 'dataloader';
import { batchByKey, batchGroupsByKey, perParentLoader } from '@vg/graphql';
import type { Activity } from './activity.entity';
import type { Repositories } from './repositories';
import type { ServiceRecord } from './service-record.entity';
import type { ServiceRecordCorrection } from './service-record-correction.entity';
import type { Signup } from './signup.entity';

export interface ActivityLoaders {
  activity: DataLoader<string, Activity | null>;
  /** All sign-ups of an activity, in sign-up order. */
  signupsOfActivity: DataLoader<string, Signup[]>;
  /** All sign-ups of a volunteer, soonest activity first. */
  signupsOfVolunteer: DataLoader<string, Signup[]>;
  serviceHours: DataLoader<string, number>;
  serviceRecordCount: DataLoader<string, number>;
  /** A volunteer's latest records: key { id: volunteerId, limit }. */
  latestRecords: DataLoader<{ id: string; limit: number }, ServiceRecord[], string>;
  /** A volunteer's records on a date: key { id: volunteerId, date }. */
  recordsOnDate: DataLoader<{ id: string; date: string }, ServiceRecord[], string>;
  record: DataLoader<string, ServiceRecord | null>;
  corrections: DataLoader<string, ServiceRecordCorrection[]>;
  /** Published activities at a station: key { id: stationId, limit, upcoming }. */
  stationActivities: DataLoader<{ id: string; limit: number; upcoming: boolean }, Activity[], string>;
  /** A project's first activities: key { id: projectId, limit }. */
  projectActivities: DataLoader<{ id: string; limit: number }, Activity[], string>;
  projectActivityCount: DataLoader<string, number>;
}

function countsLoader(fetch: (ids: readonly string[]) => Promise<{ key: string; value: number }[]>): DataLoader<string, number> {
  return new DataLoader(async (ids) => batchByKey(ids, await fetch(ids), (r) => r.key).map((r) => r?.value ?? 0));
}

export function createActivityLoaders(repos: Repositories): ActivityLoaders {
  return {
    activity: new DataLoader(async (ids) => batchByKey(ids, await repos.activities.byIds(ids), (a) => a.id)),
    signupsOfActivity: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.signups.ofActivities(ids), (s) => s.activityId)),
    signupsOfVolunteer: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.signups.ofVolunteers(ids), (s) => s.volunteerId)),
    serviceHours: countsLoader(async (ids) => (await repos.records.totalHours(ids)).map((r) => ({ key: r.volunteerId, value: r.hours }))),
    serviceRecordCount: countsLoader(async (ids) => (await repos.records.countOf(ids)).map((r) => ({ key: r.volunteerId, value: r.count }))),
    latestRecords: perParentLoader((ids, { limit }) => repos.records.latestOf(ids, limit), (r) => r.volunteerId),
    recordsOnDate: perParentLoader((ids, { date }) => repos.records.onDate(ids, date), (r) => r.volunteerId),
    record: new DataLoader(async (ids) => batchByKey(ids, await repos.records.byIds(ids), (r) => r.id)),
    corrections: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.records.correctionsOf(ids), (c) => c.recordId)),
    stationActivities: perParentLoader((ids, { limit, upcoming }) => repos.activities.publishedAtStations(ids, upcoming, limit), (a) => a.stationId),
    projectActivities: perParentLoader((ids, { limit }) => repos.activities.firstOfProjects(ids, limit), (a) => a.projectId),
    projectActivityCount: countsLoader(async (ids) => (await repos.activities.countByProjects(ids)).map((r) => ({ key: r.projectId, value: r.count }))),
  };
}
