import type { Project } from './project.entity';
import { createLoaders } from './loaders';
import type { Repositories } from './repositories';

const project = (id: string, teamId: string, brandId: string | null) => ({ id, teamId, brandId, name: `p${id}` }) as Project;
const ROWS = [project('1', '10', 'b1'), project('2', '10', null), project('3', '11', 'b1')];

/** Repositories whose project reads are recorded: which method, with which keys. */
function recordingRepos() {
  const calls: [string, readonly string[]][] = [];
  const projects = {
    byIds: async (ids: readonly string[]) => (calls.push(['byIds', ids]), ROWS.filter((p) => ids.includes(p.id))),
    ofTeams: async (ids: readonly string[]) => (calls.push(['ofTeams', ids]), ROWS.filter((p) => ids.includes(p.teamId))),
    ofBrands: async (ids: readonly string[]) => (calls.push(['ofBrands', ids]), ROWS.filter((p) => p.brandId && ids.includes(p.brandId))),
  };
  return { calls, repos: { projects } as unknown as Repositories };
}

describe('createLoaders (projects)', () => {
  it('loads projects in one call per batch, de-duplicated, in key order, null for unknown ids', async () => {
    const { calls, repos } = recordingRepos();
    const loaders = createLoaders(repos);
    const results = await Promise.all(['3', '1', '3', '99'].map((id) => loaders.project.load(id)));
    expect(results.map((p) => p?.id ?? null)).toEqual(['3', '1', '3', null]);
    expect(calls).toEqual([['byIds', ['3', '1', '99']]]);
  });

  it("groups a team's and a brand's projects ([] for none) and primes the project loader with them", async () => {
    const { calls, repos } = recordingRepos();
    const loaders = createLoaders(repos);
    const [ofTeams, ofBrands] = await Promise.all([
      Promise.all(['11', '10', '12'].map((id) => loaders.projectsOfTeam.load(id))),
      Promise.all(['b1', 'b2'].map((id) => loaders.projectsOfBrand.load(id))),
    ]);
    expect(ofTeams.map((list) => list.map((p) => p.id))).toEqual([['3'], ['1', '2'], []]);
    expect(ofBrands.map((list) => list.map((p) => p.id))).toEqual([['1', '3'], []]);
    expect(await loaders.project.load('2')).toBe(ROWS[1]);
    expect(calls).toEqual([
      ['ofTeams', ['11', '10', '12']],
      ['ofBrands', ['b1', 'b2']],
    ]);
  });
});
