import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { bigintIds, countRows, likeContaining, likePrefix } from '@vg/db';
import { Brand, type BrandKind } from './brand.entity';
import { DemonstrationLibraryChange } from './demonstration-library-change.entity';
import { Project } from './project.entity';
import { ProjectAward } from './project-award.entity';

export interface ProjectQuery {
  brandId?: string;
  teamId?: string;
  theme?: string;
  /** Region code prefix: the region and everything below it (regionPrefix of @vg/standards). */
  regionPrefix?: string;
  inDemonstrationLibrary?: boolean;
  nameContains?: string;
}

export type NewProject = Pick<Project, 'name' | 'brandId' | 'teamId' | 'theme' | 'description' | 'regionCode'>;
export type NewProjectAward = Pick<ProjectAward, 'projectId' | 'title' | 'rank' | 'level' | 'year'>;
export type NewDemonstrationLibraryChange = Pick<DemonstrationLibraryChange, 'projectId' | 'action' | 'reason' | 'by'>;

/** Brands, projects, their awards and the city demonstration library (flag and history). */
export class ProjectRepository {
  constructor(private readonly manager: EntityManager) {}

  private get projects() {
    return this.manager.getRepository(Project);
  }

  private get brandRepo() {
    return this.manager.getRepository(Brand);
  }

  private get awards() {
    return this.manager.getRepository(ProjectAward);
  }

  private get libraryChanges() {
    return this.manager.getRepository(DemonstrationLibraryChange);
  }

  brandsByIds(ids: readonly string[]): Promise<Brand[]> {
    return this.brandRepo
      .createQueryBuilder('b')
      .comment('brandsByIds')
      .where('b.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** Every brand (of `kind`, when given): regional ones first, then by name. */
  brands(kind?: BrandKind): Promise<Brand[]> {
    const q = this.brandRepo.createQueryBuilder('b').comment('listBrands').orderBy("(b.kind = 'REGIONAL')", 'DESC').addOrderBy('b.name').addOrderBy('b.id');
    if (kind) q.where('b.kind = :kind', { kind });
    return q.getMany();
  }

  byIds(ids: readonly string[]): Promise<Project[]> {
    return this.projects
      .createQueryBuilder('p')
      .comment('projectsByIds')
      .where('p.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** The projects of these brands, by id. */
  ofBrands(brandIds: readonly string[]): Promise<Project[]> {
    return this.projects
      .createQueryBuilder('p')
      .comment('projectsOfBrands')
      .where('p.brand_id = ANY(:ids)', { ids: bigintIds(brandIds) })
      .orderBy('p.id')
      .getMany();
  }

  /** The projects these teams organise, by id. */
  ofTeams(teamIds: readonly string[]): Promise<Project[]> {
    return this.projects
      .createQueryBuilder('p')
      .comment('projectsOfTeams')
      .where('p.team_id = ANY(:ids)', { ids: bigintIds(teamIds) })
      .orderBy('p.id')
      .getMany();
  }

  /** Up to `limit` projects matching `query` with id > `afterId`, by id. */
  page(query: ProjectQuery, limit: number, afterId?: string): Promise<Project[]> {
    const q = this.filtered(query, 'pageProjects').orderBy('p.id').limit(limit);
    if (afterId) q.andWhere('p.id > :afterId', { afterId });
    return q.getMany();
  }

  count(query: ProjectQuery): Promise<number> {
    return countRows(this.filtered(query, 'countProjects'));
  }

  private filtered(query: ProjectQuery, name: string): SelectQueryBuilder<Project> {
    const q = this.projects.createQueryBuilder('p').comment(name);
    if (query.brandId) q.andWhere('p.brand_id = :brandId', { brandId: query.brandId });
    if (query.teamId) q.andWhere('p.team_id = :teamId', { teamId: query.teamId });
    if (query.theme) q.andWhere('p.theme = :theme', { theme: query.theme });
    if (query.regionPrefix) q.andWhere('p.region_code LIKE :prefix', { prefix: likePrefix(query.regionPrefix) });
    if (query.inDemonstrationLibrary != null) q.andWhere('p.in_demonstration_library = :inLibrary', { inLibrary: query.inDemonstrationLibrary });
    if (query.nameContains) q.andWhere("p.name LIKE :name ESCAPE '\\'", { name: likeContaining(query.nameContains) });
    return q;
  }

  /**
   * Projects whose latest library change before `before` (ever, when undefined) added them: the
   * library as it stood then, read from the history rather than the current flag. By id.
   */
  inLibraryAt(before?: Date): Promise<Project[]> {
    const latest = this.libraryChanges.createQueryBuilder('c').select('c.action').where('c.project_id = p.id').orderBy('c.at', 'DESC').addOrderBy('c.id', 'DESC').limit(1);
    if (before) latest.andWhere('c.at < :before');
    return this.projects
      .createQueryBuilder('p')
      .comment('demonstrationProjectsAt')
      .where(`(${latest.getQuery()}) = 'ADDED'`)
      .setParameters(before ? { before } : {})
      .orderBy('p.id')
      .getMany();
  }

  /** The awards of these projects, oldest year first. */
  awardsOf(projectIds: readonly string[]): Promise<ProjectAward[]> {
    return this.awards
      .createQueryBuilder('w')
      .comment('awardsOfProjects')
      .where('w.project_id = ANY(:ids)', { ids: bigintIds(projectIds) })
      .orderBy('w.year')
      .addOrderBy('w.id')
      .getMany();
  }

  /** Every library change of these projects, oldest first. */
  libraryHistoryOf(projectIds: readonly string[]): Promise<DemonstrationLibraryChange[]> {
    return this.libraryChanges
      .createQueryBuilder('c')
      .comment('demonstrationHistoryOfProjects')
      .where('c.project_id = ANY(:ids)', { ids: bigintIds(projectIds) })
      .orderBy('c.at')
      .addOrderBy('c.id')
      .getMany();
  }

  async insert(project: NewProject): Promise<Project> {
    const { identifiers } = await this.projects
      .createQueryBuilder()
      .comment('insertProject')
      .insert()
      .values({ ...project, inDemonstrationLibrary: false })
      .execute();
    const [created] = await this.byIds([String(identifiers[0].id)]);
    return created;
  }

  /**
   * Sets the library flag only if it is not already `inLibrary`: true when this call changed it.
   * The conditional UPDATE locks the row, so of two concurrent additions the second waits, then
   * finds the flag already set and changes nothing.
   */
  async setInDemonstrationLibrary(projectId: string, inLibrary: boolean): Promise<boolean> {
    const { affected } = await this.projects
      .createQueryBuilder()
      .comment('setInDemonstrationLibrary')
      .update()
      .set({ inDemonstrationLibrary: inLibrary })
      .where('id = :projectId AND in_demonstration_library = :was', { projectId, was: !inLibrary })
      .execute();
    return (affected ?? 0) > 0;
  }

  async insertLibraryChange(change: NewDemonstrationLibraryChange): Promise<void> {
    await this.libraryChanges.createQueryBuilder().comment('insertDemonstrationLibraryChange').insert().values(change).execute();
  }

  async insertAward(award: NewProjectAward): Promise<void> {
    await this.awards.createQueryBuilder().comment('insertProjectAward').insert().values(award).execute();
  }
}
