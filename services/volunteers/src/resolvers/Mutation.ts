import type { MutationResolvers } from '../generated/graphql';
import { registerVolunteer, updateVolunteer } from '../domain/volunteer-actions';
import { addTeamMember, createTeam, removeTeamMember } from '../domain/team-actions';
import { createStation } from '../domain/station-actions';

export const Mutation: MutationResolvers = {
  registerVolunteer: (_, { input }, ctx) => registerVolunteer(ctx, input),
  updateVolunteer: (_, { id, input }, ctx) => updateVolunteer(ctx, id, input),
  createTeam: (_, { input }, ctx) => createTeam(ctx, input),
  addTeamMember: (_, { teamId, volunteerId, role }, ctx) => addTeamMember(ctx, teamId, volunteerId, role ?? 'MEMBER'),
  removeTeamMember: (_, { teamId, volunteerId }, ctx) => removeTeamMember(ctx, teamId, volunteerId),
  createStation: (_, { input }, ctx) => createStation(ctx, input),
};
