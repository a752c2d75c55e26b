import { badUserInput, decodeCursor, encodeCursor, forbidden, idArgument, pageSize, requireRole, toConnection } from '@vg/graphql';
import type { ProjectsContext } from '../context';
import type { Activity } from '../data/activity.entity';
import type { Resolvers } from '../generated/graphql';
import { regionCodeArgument, regionPrefix } from '@vg/standards';
import { activityAfter, activityPosition } from './activityCursor';
import { cancelActivity, completeActivity, createActivity, publishActivity } from '../domain/activityActions';
import { seesParticipantsOf, seesServiceOf } from '../domain/teamRoles';
import { effectiveSignupStatus } from '../domain/signup-status';
import { cancelSignup, checkIn, checkOut, correctServiceRecord, signUp } from '../domain/signupActions';

/** FORBIDDEN unless the viewer may see this volunteer's service data (see seesServiceOf). */
async function requireServiceVisible(ctx: ProjectsContext, volunteerId: string, what: string): Promise<void> {
  if (!(await seesServiceOf(ctx, volunteerId))) throw forbidden(`Only the volunteer, their team's leaders and city staff may see ${what}`);
}

/** FORBIDDEN unless the viewer may see who takes part in this activity (see seesParticipantsOf). */
async function requireParticipantsVisible(ctx: ProjectsContext, activity: Activity): Promise<void> {
  const project = await ctx.loaders.project.load(activity.projectId);
  if (!project || !(await seesParticipantsOf(ctx, project.teamId))) throw forbidden("Only city staff, station staff and the project team's leaders may see an activity's participants");
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
    serviceRecord: async (_, { id }, ctx) => {
      const record = await ctx.loaders.record.load(idArgument('id', id));
      if (record) await requireServiceVisible(ctx, record.volunteerId, 'a service record');
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
      await requireParticipantsVisible(ctx, a);
      const signups = await ctx.loaders.signupsOfActivity.load(a.id);
      const now = new Date();
      return status ? signups.filter((s) => effectiveSignupStatus(s, a, now) === status) : signups;
    },
    participantIds: async (a, _, ctx) => {
      await requireParticipantsVisible(ctx, a);
      return (await ctx.loaders.signupsOfActivity.load(a.id)).filter((s) => s.status !== 'CANCELLED').map((s) => s.volunteerId);
    },
  },

  Signup: {
    activity: async (s, _, { loaders }) => (await loaders.activity.load(s.activityId))!,
    status: async (s, _, { loaders }) => effectiveSignupStatus(s, (await loaders.activity.load(s.activityId))!),
    volunteer: (s) => ({ id: s.volunteerId }),
  },

  ServiceRecord: {
    __resolveReference: async (ref, ctx) => {
      const record = await ctx.loaders.record.load(ref.id);
      return record && (await seesServiceOf(ctx, record.volunteerId)) ? record : null;
    },
    volunteer: (r) => ({ id: r.volunteerId }),
    activity: (r, _, { loaders }) => (r.activityId ? loaders.activity.load(r.activityId) : null),
    serviceRequest: (r, _, { loaders }) => (r.serviceRequestId ? loaders.serviceRequest.load(r.serviceRequestId) : null),
    corrections: (r, _, { loaders }) => loaders.corrections.load(r.id),
  },

  ServiceRecordChange: {
    record: async (c, _, { loaders }) => (await loaders.record.load(c.recordId))!,
  },

  Volunteer: {
    __resolveReference: (ref) => ({ id: ref.id }),
    serviceHours: (v, _, { loaders }) => loaders.serviceHours.load(v.id),
    serviceRecords: async (v, { first, after }, ctx) => {
      const { loaders, repos } = ctx;
      await requireServiceVisible(ctx, v.id, 'service records');
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
    serviceRecordsOn: async (v, { date }, ctx) => {
      await requireServiceVisible(ctx, v.id, 'service records');
      return ctx.loaders.recordsOnDate.load({ id: v.id, date });
    },
    signups: async (v, { status }, ctx) => {
      await requireServiceVisible(ctx, v.id, 'sign-ups');
      const signups = await ctx.loaders.signupsOfVolunteer.load(v.id);
      if (!status) return signups;
      // One batch for all their activities, primed for Signup.activity and Signup.status.
      const activities = await ctx.loaders.activity.loadMany(signups.map((s) => s.activityId));
      const now = new Date();
      return signups.filter((s, i) => effectiveSignupStatus(s, activities[i] as Activity, now) === status);
    },
  },

  Station: {
    __resolveReference: (ref) => ({ id: ref.id }),
    activities: (s, { upcoming, first }, { loaders }) => loaders.stationActivities.load({ id: s.id, limit: pageSize(first), upcoming: upcoming ?? true }),
  },
};
