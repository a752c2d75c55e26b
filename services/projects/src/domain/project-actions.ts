import { conflict, isWithinRegion, regionCodeArgument } from '@vg/standards';
import { badUserInput, forbidden, hasRole, idArgument, isUniqueViolation, notFound, optionalText, requiredText, requireRole } from '@vg/graphql';
import type { ProjectsContext } from '../context';
import type { Project } from '../data/project.entity';
import type { CreateProjectInput, ProjectAwardInput } from '../generated/graphql';
import { awardYear } from './project-rules';
import { leadsTeam } from './team-roles';

type LibraryAction = 'ADDED' | 'REMOVED';

/**
 * Creates a project for a team: ADMIN, or a TEAM_LEADER who leads that team (LEADER or DEPUTY_LEADER) (per the
 * volunteers subgraph's memberships, not just the role). The team must exist and the project's
 * region lie within the team's; a team's project names are unique (CONFLICT otherwise).
 */
export async function createProject(ctx: ProjectsContext, input: CreateProjectInput): Promise<Project> {
  const { viewer } = ctx;
  requireRole(viewer, 'create a project', 'ADMIN', 'TEAM_LEADER');
  // The team decides the relation, so its id is read first; the rest only once the viewer may.
  const teamId = idArgument('input.teamId', input.teamId);
  // Both questions go to the volunteers subgraph at once.
  const [team, allowed] = await Promise.all([ctx.volunteers.team.load(teamId), hasRole(viewer, 'ADMIN') || leadsTeam(ctx, teamId)]);
  if (!allowed) throw forbidden("Only ADMIN or the team's leader may create its projects");
  if (!team) throw badUserInput('input.teamId', `unknown team ${teamId}`);
  const name = requiredText('input.name', input.name, 100);
  const description = optionalText('input.description', input.description, 2000);
  const brandId = input.brandId == null ? null : idArgument('input.brandId', input.brandId);
  const regionCode = regionCodeArgument('input.regionCode', input.regionCode);
  if (!isWithinRegion(regionCode, team.regionCode)) throw badUserInput('input.regionCode', `must be within the region of ${team.name} (${team.regionCode})`);

  return ctx.transaction(async (repos) => {
    if (brandId) {
      const [brand] = await repos.projects.brandsByIds([brandId]);
      if (!brand) throw badUserInput('input.brandId', `unknown brand ${brandId}`);
    }
    try {
      return await repos.projects.insert({ name, brandId, teamId, theme: input.theme, description, regionCode });
    } catch (error) {
      if (isUniqueViolation(error, 'projects_team_id_name_key')) throw conflict(`${team.name} already has a project named ${name}`, 'DUPLICATE_PROJECT');
      throw error;
    }
  });
}

/** Adds a project to the city demonstration library (ADMIN), keeping the reason in its history. */
export function addToDemonstrationLibrary(ctx: ProjectsContext, projectId: string, reason: string): Promise<Project> {
  return changeLibrary(ctx, projectId, reason, 'ADDED');
}

/** Removes a project from the city demonstration library (ADMIN), keeping the reason in its history. */
export function removeFromDemonstrationLibrary(ctx: ProjectsContext, projectId: string, reason: string): Promise<Project> {
  return changeLibrary(ctx, projectId, reason, 'REMOVED');
}

/**
 * The flag and the history row change in one transaction. The flag changes only if it was not
 * already as asked (a conditional UPDATE): of two concurrent additions exactly one succeeds, the
 * other is CONFLICT, and the history never records a change that did not happen.
 */
async function changeLibrary(ctx: ProjectsContext, projectIdArgument: string, reasonArgument: string, action: LibraryAction): Promise<Project> {
  const verb = action === 'ADDED' ? 'add projects to' : 'remove projects from';
  requireRole(ctx.viewer, `${verb} the demonstration library`, 'ADMIN');
  const projectId = idArgument('projectId', projectIdArgument);
  const reason = requiredText('reason', reasonArgument, 500);

  return ctx.transaction(async (repos) => {
    const changed = await repos.projects.setInDemonstrationLibrary(projectId, action === 'ADDED');
    const [project] = await repos.projects.byIds([projectId]);
    if (!project) throw notFound('Project', projectId);
    if (!changed) {
      throw action === 'ADDED'
        ? conflict(`${project.name} is already in the demonstration library`, 'ALREADY_IN_LIBRARY')
        : conflict(`${project.name} is not in the demonstration library`, 'NOT_IN_LIBRARY');
    }
    await repos.projects.insertLibraryChange({ projectId, action, reason, by: ctx.viewer.sub! });
    return project;
  });
}

/** Records an award a project won (ADMIN); the same title twice in one year is CONFLICT. */
export async function addProjectAward(ctx: ProjectsContext, projectIdArgument: string, input: ProjectAwardInput): Promise<Project> {
  requireRole(ctx.viewer, 'record project awards', 'ADMIN');
  const projectId = idArgument('projectId', projectIdArgument);
  const title = requiredText('input.title', input.title, 100);
  const rank = requiredText('input.rank', input.rank, 20);
  const year = awardYear('input.year', input.year, new Date());

  return ctx.transaction(async (repos) => {
    const [project] = await repos.projects.byIds([projectId]);
    if (!project) throw notFound('Project', projectId);
    try {
      await repos.projects.insertAward({ projectId, title, rank, level: input.level, year });
    } catch (error) {
      if (isUniqueViolation(error, 'project_awards_project_id_title_year_key')) throw conflict(`${project.name} already has the award ${title} of ${year}`, 'DUPLICATE_AWARD');
      throw error;
    }
    return project;
  });
}
