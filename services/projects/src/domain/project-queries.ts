import { decodeCursor, idArgument, pageSize, toConnection, type Connection } from '@vg/graphql';
import { regionCodeArgument, regionPrefix } from '@vg/standards';
import type { ProjectsContext } from '../context';
import type { Project } from '../data/project.entity';
import type { ProjectQuery } from '../data/project.repository';
import type { ProjectFilter } from '../generated/graphql';
import { endOfYear } from './project-rules';

/** The filter's ids and region checked (BAD_USER_INPUT naming the field), as a repository query. */
export function projectQuery(filter: ProjectFilter | null | undefined): ProjectQuery {
  return {
    brandId: filter?.brandId == null ? undefined : idArgument('filter.brandId', filter.brandId),
    teamId: filter?.teamId == null ? undefined : idArgument('filter.teamId', filter.teamId),
    theme: filter?.theme ?? undefined,
    regionPrefix: filter?.regionCode == null ? undefined : regionPrefix(regionCodeArgument('filter.regionCode', filter.regionCode)),
    inDemonstrationLibrary: filter?.inDemonstrationLibrary ?? undefined,
    nameContains: filter?.nameContains || undefined,
  };
}

/** A page of projects matching every filter, by id; each primed in the project loader. */
export async function listProjects(ctx: ProjectsContext, args: { filter?: ProjectFilter | null; first?: number | null; after?: string | null }): Promise<Connection<Project>> {
  const size = pageSize(args.first);
  const query = projectQuery(args.filter);
  const afterId = args.after == null ? undefined : idArgument('after', decodeCursor(args.after));
  const rows = await ctx.repos.projects.page(query, size + 1, afterId);
  for (const row of rows) ctx.loaders.project.prime(row.id, row);
  return toConnection(
    rows,
    size,
    (p) => p.id,
    () => ctx.repos.projects.count(query),
  );
}

/** The projects in the demonstration library at the end of `year` (now, when omitted). */
export async function demonstrationProjects(ctx: ProjectsContext, year: number | null | undefined): Promise<Project[]> {
  const rows = await ctx.repos.projects.inLibraryAt(year == null ? undefined : endOfYear('year', year));
  for (const row of rows) ctx.loaders.project.prime(row.id, row);
  return rows;
}
