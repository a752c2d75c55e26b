import { isLeadingRole, isWithinRegion, conflict } from '@vg/standards';
import { badUserInput, forbidden, hasRole, idArgument, isUniqueViolation, notFound, optionalText, requireRole, requireSignedIn, requiredText } from '@vg/graphql';
import type { RegionLevel } from '../data/region.entity';
import type { Repositories } from '../data/repositories';
import type { Team } from '../data/team.entity';
import type { TeamMembership, TeamRole } from '../data/team-membership.entity';
import type { VolunteersContext } from '../context';
import type { CreateTeamInput } from '../generated/graphql';
import { existingRegion } from './region-rules';

const LEVEL_RANK: Record<RegionLevel, number> = { CITY: 0, COUNTY: 1, TOWN: 2, VILLAGE: 3 };

/**
 * Creates a team (ADMIN, CENTRE_DISPATCHER). A team's region is at the team's own level; a parent
 * team is at a higher level and its region contains the new team's region.
 */
export async function createTeam(ctx: VolunteersContext, input: CreateTeamInput): Promise<Team> {
  requireRole(ctx.viewer, 'create a team', 'ADMIN', 'CENTRE_DISPATCHER');
  const name = requiredText('input.name', input.name, 100);
  const description = optionalText('input.description', input.description, 2000);
  const parentId = input.parentId == null ? null : idArgument('input.parentId', input.parentId);
  const leaderId = input.leaderVolunteerId == null ? null : idArgument('input.leaderVolunteerId', input.leaderVolunteerId);

  return ctx.transaction(async (repos) => {
    const region = await existingRegion(ctx.regions, 'input.regionCode', input.regionCode);
    if (region.level !== input.level) throw badUserInput('input.regionCode', `a ${input.level} team needs a ${input.level} region; ${region.code} is a ${region.level}`);
    if (parentId) {
      const [parent] = await repos.teams.byIds([parentId]);
      if (!parent) throw badUserInput('input.parentId', `unknown team ${parentId}`);
      if (LEVEL_RANK[parent.level] >= LEVEL_RANK[input.level]) throw badUserInput('input.parentId', `a ${parent.level} team cannot be the parent of a ${input.level} team`);
      const parentRegion = await existingRegion(ctx.regions, 'input.parentId', parent.regionCode);
      if (!isWithinRegion(region.code, parentRegion.code)) throw badUserInput('input.parentId', `the parent team's region ${parentRegion.name} does not contain ${region.name}`);
    } else if (input.level !== 'CITY') {
      throw badUserInput('input.parentId', `a ${input.level} team needs a parent team`);
    }
    if (leaderId) {
      const [leader] = await repos.volunteers.byIds([leaderId]);
      if (!leader) throw badUserInput('input.leaderVolunteerId', `unknown volunteer ${leaderId}`);
    }
    let team: Team;
    try {
      team = await repos.teams.insert({ name, level: input.level, regionCode: region.code, parentId, description });
    } catch (error) {
      if (isUniqueViolation(error, 'teams_region_code_name_key')) throw conflict(`A team named ${name} already exists in ${region.name}`, 'DUPLICATE_TEAM');
      throw error;
    }
    if (leaderId) await repos.teams.addMember(team.id, leaderId, 'LEADER');
    return team;
  });
}

/**
 * ADMIN, or a TEAM_LEADER who leads this team (LEADER or DEPUTY_LEADER per the memberships, not
 * just the role). Role first, then the team, then the relation: a caller without the role learns
 * nothing about the team or the input.
 */
async function requireTeamManager(ctx: VolunteersContext, repos: Repositories, teamId: string, action: string): Promise<Team> {
  requireSignedIn(ctx.viewer, action);
  const isAdmin = hasRole(ctx.viewer, 'ADMIN');
  if (!isAdmin && (!hasRole(ctx.viewer, 'TEAM_LEADER') || !ctx.viewer.volunteerId)) throw forbidden(`Only ADMIN or the team's leader may ${action}`);
  const [team] = await repos.teams.byIds([idArgument('teamId', teamId)]);
  if (!team) throw notFound('Team', teamId);
  if (isAdmin) return team;
  const membership = await repos.teams.membership(teamId, ctx.viewer.volunteerId!);
  if (!isLeadingRole(membership?.role)) throw forbidden(`Only ADMIN or the team's leaders may ${action}`);
  return team;
}

/** Adds a volunteer to a team; one LEADER per team, no volunteer twice. */
export async function addTeamMember(ctx: VolunteersContext, teamId: string, volunteerId: string, role: TeamRole): Promise<TeamMembership> {
  return ctx.transaction(async (repos) => {
    await requireTeamManager(ctx, repos, teamId, 'add team members');
    const [volunteer] = await repos.volunteers.byIds([idArgument('volunteerId', volunteerId)]);
    if (!volunteer) throw notFound('Volunteer', volunteerId);
    if (volunteer.status !== 'ACTIVE') throw conflict(`Volunteer ${volunteer.volunteerNo} is ${volunteer.status}`, 'VOLUNTEER_NOT_ACTIVE');
    try {
      return await repos.teams.addMember(teamId, volunteerId, role);
    } catch (error) {
      if (isUniqueViolation(error, 'team_memberships_pkey')) throw conflict(`Volunteer ${volunteer.volunteerNo} is already a member`, 'ALREADY_MEMBER');
      if (isUniqueViolation(error, 'team_memberships_one_leader')) throw conflict('The team already has a leader', 'TEAM_HAS_LEADER');
      throw error;
    }
  });
}

/** Removes a volunteer from a team; the leader must be replaced first. */
export async function removeTeamMember(ctx: VolunteersContext, teamId: string, volunteerId: string): Promise<Team> {
  return ctx.transaction(async (repos) => {
    const team = await requireTeamManager(ctx, repos, teamId, 'remove team members');
    const membership = await repos.teams.membership(teamId, idArgument('volunteerId', volunteerId));
    if (!membership) throw notFound('TeamMembership', `${teamId}/${volunteerId}`);
    if (membership.role === 'LEADER') throw conflict('The team leader cannot be removed', 'IS_LEADER');
    await repos.teams.removeMember(teamId, volunteerId);
    return team;
  });
}
