import { badUserInput, requiredText } from '@vg/graphql';
import type { Region } from '../data/region.entity';
import type { RegionDirectory } from '../data/region.directory';

/** Skills: at most 10, each 1–20 characters, duplicates dropped. */
export function skillList(field: string, skills: readonly string[] | null | undefined): string[] {
  const list = [...new Set((skills ?? []).map((s, i) => requiredText(`${field}[${i}]`, s, 20)))];
  if (list.length > 10) throw badUserInput(field, 'at most 10 skills');
  return list;
}

/** The region with `code`, or BAD_USER_INPUT naming `field` when there is none. */
export async function existingRegion(regions: RegionDirectory, field: string, code: string): Promise<Region> {
  const [region] = await regions.get([code]);
  if (!region) throw badUserInput(field, `unknown region code ${code}`);
  return region;
}
