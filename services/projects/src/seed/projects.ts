import type { ServiceTheme } from '../generated/graphql';
import { type AwardEntry, BRANDS, type BrandEntry, GOLD_2024, GOLD_PROJECTS, LIBRARY_REASONS, OTHER_AWARDS, PROJECT_BRAND_THEMES, THEME_NAMES, THEMES } from './catalogue';
import type { TeamFact } from './facts';
import { Random } from '@vg/random';
import { DAY, HOUR, chinaTime, dayOf } from './time';

export interface DemoProject {
  name: string;
  /** Index into the brands. */
  brand: number | null;
  teamId: string;
  theme: ServiceTheme;
  description: string | null;
  regionCode: string;
  inLibrary: boolean;
  createdAt: number;
}

export interface DemoAward extends AwardEntry {
  project: number;
}

export interface DemoLibraryChange {
  project: number;
  action: 'ADDED' | 'REMOVED';
  reason: string;
  at: number;
}

export interface DemoProjects {
  brands: BrandEntry[];
  projects: DemoProject[];
  awards: DemoAward[];
  /** Oldest first. */
  libraryChanges: DemoLibraryChange[];
}

const SUFFIXES = ['新时代文明实践志愿服务队', '志愿服务联合会', '志愿服务队'];
const REGIONAL_BRAND_SHARE = 0.5;
const LIBRARY_SHARE = 0.2;

/** The place a team stands for, from its name: 张店区志愿服务联合会 → 张店区. */
export function placeOf(teamName: string): string {
  for (const suffix of SUFFIXES) if (teamName.endsWith(suffix) && teamName.length > suffix.length) return teamName.slice(0, -suffix.length);
  return teamName;
}

/**
 * The brands of the report and `count` projects spread evenly over `teams` (the city team, or
 * the first, also runs the two 2024 gold-medal projects). Project brands give their theme and
 * name; projects in a regional brand's county often carry it. About a fifth of the projects are
 * in the demonstration library (the gold ones among them); a few were added and later removed,
 * one of them added again. Nothing dated after `now`.
 */
export function generateProjects(seed: number, count: number, teams: readonly TeamFact[], now: number): DemoProjects {
  const random = Random.derive(seed, 'projects');
  const brands = BRANDS.slice();
  const brandIndex = new Map(brands.map((b, i) => [b.name, i]));
  const projectBrands = Object.keys(PROJECT_BRAND_THEMES);
  const projects: DemoProject[] = [];
  const namesByTeam = new Map<string, Set<string>>();
  const claim = (teamId: string, name: string): string => {
    const taken = namesByTeam.get(teamId) ?? new Set<string>();
    namesByTeam.set(teamId, taken);
    let unique = name;
    for (let n = 2; taken.has(unique); n += 1) unique = `${name}（${n}期）`;
    taken.add(unique);
    return unique;
  };
  const createdAt = () => chinaTime(random.int(dayOf('2023-03-01'), dayOf('2023-10-31')), random.int(8 * 60, 18 * 60));

  const lead = teams.find((t) => t.level === 'CITY') ?? teams[0];
  const gold: number[] = [];
  for (const entry of GOLD_PROJECTS.slice(0, Math.min(count, GOLD_PROJECTS.length))) {
    gold.push(projects.length);
    projects.push({
      name: claim(lead.id, entry.name),
      brand: null,
      teamId: lead.id,
      theme: entry.theme,
      description: entry.description,
      regionCode: lead.regionCode,
      inLibrary: false,
      createdAt: createdAt(),
    });
  }

  for (let i = 0; projects.length < count; i += 1) {
    const team = teams[i % teams.length];
    const place = placeOf(team.name);
    let brand: number | null = null;
    let theme: ServiceTheme;
    let name: string;
    if (random.chance(0.3)) {
      const brandName = random.pick(projectBrands);
      brand = brandIndex.get(brandName)!;
      theme = PROJECT_BRAND_THEMES[brandName];
      name = `${place}${brandName}`;
    } else {
      theme = random.pick(THEME_NAMES);
      name = `${place}·${random.pick(THEMES[theme].projects)}`;
      const regional = brands.findIndex((b) => b.kind === 'REGIONAL' && b.regionCode !== null && team.regionCode.startsWith(b.regionCode));
      if (regional >= 0 && random.chance(REGIONAL_BRAND_SHARE)) brand = regional;
    }
    projects.push({ name: claim(team.id, name.slice(0, 90)), brand, teamId: team.id, theme, description: null, regionCode: team.regionCode, inLibrary: false, createdAt: createdAt() });
  }
  // 红火炬's county is not in the report: it brands a few of the lead team's projects.
  const redTorch = brandIndex.get('红火炬')!;
  projects.forEach((p, i) => {
    if (p.teamId === lead.id && p.brand === null && !gold.includes(i)) p.brand = redTorch;
  });

  const { changes, awards } = library(random, projects, gold, now);
  for (const change of changes) projects[change.project].inLibrary = change.action === 'ADDED';
  for (const change of changes) projects[change.project].createdAt = Math.min(projects[change.project].createdAt, change.at - DAY);
  return { brands, projects, awards, libraryChanges: changes };
}

/** Library history and awards; the gold projects are added at the end of 2024. */
function library(random: Random, projects: readonly DemoProject[], gold: readonly number[], now: number): { changes: DemoLibraryChange[]; awards: DemoAward[] } {
  const changes: DemoLibraryChange[] = [];
  const awards: DemoAward[] = [];
  const at = (from: string, to: string) => chinaTime(random.int(dayOf(from), dayOf(to)), random.int(9 * 60, 17 * 60));
  for (const project of gold) {
    awards.push({ project, ...GOLD_2024 });
    changes.push({ project, action: 'ADDED', reason: LIBRARY_REASONS.gold, at: at('2024-12-01', '2024-12-20') });
  }
  const others = random.shuffle(projects.map((_, i) => i).filter((i) => !gold.includes(i)));
  const inLibrary = others.slice(0, Math.round(projects.length * LIBRARY_SHARE));
  inLibrary.forEach((project, n) => {
    const added = at(n % 2 === 0 ? '2024-03-01' : '2025-02-01', n % 2 === 0 ? '2024-11-30' : '2025-10-31');
    changes.push({ project, action: 'ADDED', reason: `${new Date(added).getUTCFullYear()}年度${random.pick(LIBRARY_REASONS.added)}`, at: added });
    if (n < OTHER_AWARDS.length) awards.push({ project, ...OTHER_AWARDS[n], year: new Date(added).getUTCFullYear() });
  });
  // Added in 2024, removed in 2025; the first of them restored in 2026.
  const removed = others.slice(inLibrary.length, inLibrary.length + 3);
  removed.forEach((project, n) => {
    changes.push({ project, action: 'ADDED', reason: `2024年度${LIBRARY_REASONS.added[0]}`, at: at('2024-04-01', '2024-06-30') });
    changes.push({ project, action: 'REMOVED', reason: LIBRARY_REASONS.removed, at: at('2025-03-01', '2025-04-30') });
    if (n === 0) changes.push({ project, action: 'ADDED', reason: LIBRARY_REASONS.readded, at: at('2026-01-05', '2026-02-27') });
  });
  const past = changes.filter((c) => c.at <= now - HOUR).sort((a, b) => a.at - b.at);
  return { changes: past, awards: awards.filter((a) => a.year <= new Date(now).getUTCFullYear()) };
}
