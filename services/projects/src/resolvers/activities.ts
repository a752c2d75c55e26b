import { badUserInput, decodeCursor, encodeCursor, forbidden, hasRole, idArgument, pageSize, requireRole, toConnection, type Viewer } from '@vg/graphql';
import type { Resolvers } from '../generated/graphql';
import { regionCodeArgument, regionPrefix } from '../domain/projectRules';
import { activityAfter, activityPosition } from './activityCursor';
import { cancelActivity, completeActivity, createActivity, publishActivity, requireParticipantsVisible } from '../domain/activityActions';
import { cancelSignup, checkIn, checkOut, correctServiceRecord, signUp } from '../domain/signupActions';

/** Service records are the volunteer's own, and staff's to see. */
function seesRecordsOf(viewer: Viewer, volunteerId: string): boolean {
  return viewer.volunteerId === volunteerId || hasRole(viewer, 'TEAM_LEADER', 'ADMIN', 'DATA_STAFF', 'INSURER', 'SERVICE');
}

function seesSignupsOf(viewer: Viewer, volunteerId: string): boolean {
  return viewer.volunteerId === volunteerId || hasRole(viewer, 'TEAM_LEADER', 'STATION_STAFF', 'ADMIN', 'DATA_STAFF', 'INSURER', 'SERVICE');
}

const MAX_FEED_PAGE = 1000;

export const activityResolvers: Resolvers = {
  Query: {
    activity: (_, { id }, { loaders }) => loaders.activity.load(idArgument('id', id)),
    activities: async (_, { filter, first, after }, { repos }) => {
      const size = pageSize(first);
      const query = {
        stationId: filter?.stationId == null ? undefined : idArgument('filter.stationId', filter.stationId),
        projectId: filter?.projectId == null ? undefined : idArgument('filter.projectId', filter.projectId),
        regionPrefix: filter?.regionCode == null ? undefined : regionPrefix(regionCodeArgument('filter.regionCode', filter.regionCode)),
        theme: filter?.theme ?? undefined,
        status: filter?.status ?? undefined,
        startsFrom: filter?.startsFrom == null ? undefined : new Date(filter.startsFrom),
        startsBefore: filter?.startsBefore == null ? undefined : new Date(filter.startsBefore),
      };
      const rows = await repos.activities.page(query, size + 1, activityAfter(after));
      return toConnection(rows, size, activityPosition, () => repos.activities.count(query));
    },
    serviceRecord: async (_, { id }, { loaders, viewer }) => {
      const record = await loaders.record.load(idArgument('id', id));
      if (record && !seesRecordsOf(viewer, record.volunteerId)) throw forbidden('Only the volunteer and staff may see a service record');
      return record;
    },
    serviceRecordChanges: async (_, { after, first }, { repos, viewer }) => {
      requireRole(viewer, 'read the service record feed', 'SERVICE');
      const limit = first ?? 100;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_PAGE) throw badUserInput('first', `must be between 1 and ${MAX_FEED_PAGE}`);
      const position = after == null ? '0' : decodeCursor(after);
      if (!/^\d{1,19}$/.test(position)) throw badUserInput('after', 'not a cursor returned by this API');
      const rows = await repos.records.changesAfter(position, limit + 1);
      const changes = rows.slice(0, limit);
      return { changes, cursor: encodeCursor(changes.at(-1)?.sequence ?? position), hasMore: rows.length > limit };
    },
  },

  Mutation: {
    createActivity: (_, { input }, ctx) => createActivity(ctx, input),
    publishActivity: (_, { id }, ctx) => publishActivity(ctx, id),
    cancelActivity: (_, { id, reason }, ctx) => cancelActivity(ctx, id, reason),
    completeActivity: (_, { id }, ctx) => completeActivity(ctx, id),
    signUp: (_, { activityId }, ctx) => signUp(ctx, activityId),
    cancelSignup: (_, { activityId }, ctx) => cancelSignup(ctx, activityId),
    checkIn: (_, { activityId, volunteerId }, ctx) => checkIn(ctx, activityId, volunteerId),
    checkOut: (_, { activityId, input }, ctx) => checkOut(ctx, activityId, input),
    correctServiceRecord: (_, { id, input }, ctx) => correctServiceRecord(ctx, id, input),
  },

  Activity: {
    __resolveReference: (ref, { loaders }) => loaders.activity.load(ref.id),
    project: async (a, _, { loaders }) => (await loaders.project.load(a.projectId))!,
    station: (a) => ({ id: a.stationId }),
    remaining: (a) => a.capacity - a.signupCount,
    signups: async (a, { status }, ctx) => {
      requireParticipantsVisible(ctx);
      const signups = await ctx.loaders.signupsOfActivity.load(a.id);
      return status ? signups.filter((s) => s.status === status) : signups;
    },
    participantIds: async (a, _, ctx) => {
      requireParticipantsVisible(ctx);
      return (await ctx.loaders.signupsOfActivity.load(a.id)).filter((s) => s.status !== 'CANCELLED').map((s) => s.volunteerId);
    },
  },

  Signup: {
    activity: async (s, _, { loaders }) => (await loaders.activity.load(s.activityId))!,
    volunteer: (s) => ({ id: s.volunteerId }),
  },

  ServiceRecord: {
    __resolveReference: async (ref, { loaders, viewer }) => {
      const record = await loaders.record.load(ref.id);
      return record && seesRecordsOf(viewer, record.volunteerId) ? record : null;
    },
    volunteer: (r) => ({ id: r.volunteerId }),
    activity: async (r, _, { loaders }) => (await loaders.activity.load(r.activityId))!,
    corrections: (r, _, { loaders }) => loaders.corrections.load(r.id),
  },

  ServiceRecordChange: {
    record: async (c, _, { loaders }) => (await loaders.record.load(c.recordId))!,
  },

  Volunteer: {
    __resolveReference: (ref) => ({ id: ref.id }),
    serviceHours: (v, _, { loaders }) => loaders.serviceHours.load(v.id),
    serviceRecords: async (v, { first, after }, { loaders, repos, viewer }) => {
      if (!seesRecordsOf(viewer, v.id)) throw forbidden('Only the volunteer and staff may see service records');
      const size = pageSize(first);
      let rows;
      if (after == null) {
        rows = await loaders.latestRecords.load({ id: v.id, limit: size + 1 });
      } else {
        const [serviceDate, id] = decodeCursor(after).split('|');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(serviceDate ?? '') || !id) throw badUserInput('after', 'not a cursor returned by this API');
        rows = await repos.records.latestOf([v.id], size + 1, { serviceDate, id: idArgument('after', id) });
      }
      return toConnection(rows, size, (r) => `${r.serviceDate}|${r.id}`, () => loaders.serviceRecordCount.load(v.id));
    },
    serviceRecordsOn: (v, { date }, { loaders, viewer }) => {
      if (!seesRecordsOf(viewer, v.id)) throw forbidden('Only the volunteer and staff may see service records');
      return loaders.recordsOnDate.load({ id: v.id, date });
    },
    signups: async (v, { status }, { loaders, viewer }) => {
      if (!seesSignupsOf(viewer, v.id)) throw forbidden('Only the volunteer and staff may see sign-ups');
      const signups = await loaders.signupsOfVolunteer.load(v.id);
      return status ? signups.filter((s) => s.status === status) : signups;
    },
  },

  Station: {
    __resolveReference: (ref) => ({ id: ref.id }),
    activities: (s, { upcoming, first }, { loaders }) => loaders.stationActivities.load({ id: s.id, limit: pageSize(first), upcoming: upcoming ?? true }),
  },
};
