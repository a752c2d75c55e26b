import { personalDataAudit } from '@vg/service';
import type { QueryResolvers } from '../generated/graphql';
import { stationById, stationsNear, stationsPage } from '../domain/station-queries';
import { teamById, teamsPage } from '../domain/team-queries';
import { accountVolunteer, viewerVolunteer, volunteerById, volunteerByNo, volunteerIdentities, volunteersPage } from '../domain/volunteer-queries';

export const Query: QueryResolvers = {
  me: (_, __, ctx) => viewerVolunteer(ctx),
  volunteer: (_, { id }, ctx) => volunteerById(ctx, id),
  volunteerByNo: (_, { volunteerNo }, ctx) => volunteerByNo(ctx, volunteerNo),
  volunteers: (_, { filter, first, after }, ctx) => volunteersPage(ctx, filter, first, after),
  accountVolunteer: (_, { sub }, ctx) => accountVolunteer(ctx, sub),
  volunteerIdentities: (_, { volunteerNos }, ctx) => volunteerIdentities(ctx, volunteerNos),
  personalDataAudit: (_, __, ctx) => personalDataAudit(ctx),

  team: (_, { id }, ctx) => teamById(ctx, id),
  teams: (_, { filter, first, after }, ctx) => teamsPage(ctx, filter, first, after),

  region: (_, { code }, { loaders }) => loaders.region.load(code),
  regions: (_, { level, parentCode }, { regions }) => regions.list({ level, parentCode }),

  station: (_, { id }, ctx) => stationById(ctx, id),
  stations: (_, { filter, first, after }, ctx) => stationsPage(ctx, filter, first, after),
  stationsNear: (_, args, ctx) => stationsNear(ctx, args),
};
