import { badUserInput } from '@vg/graphql';
import { regionPrefix } from '@vg/standards';
import type { Region } from '../data/region.entity';
import type { RegionDirectory } from '../data/region.directory';

/** The region with `code`, or BAD_USER_INPUT naming `field` when there is none. */
export async function existingRegion(regions: RegionDirectory, field: string, code: string): Promise<Region> {
  const [region] = await regions.get([code]);
  if (!region) throw badUserInput(field, `unknown region code ${code}`);
  return region;
}

/**
 * The code prefix matching a region filter's region and everything below it; undefined when the
 * filter is not given. An unknown code is BAD_USER_INPUT rather than an empty page, so a typo is
 * not mistaken for "nobody there".
 */
export async function regionFilterPrefix(regions: RegionDirectory, field: string, code: string | null | undefined): Promise<string | undefined> {
  if (code == null) return undefined;
  return regionPrefix((await existingRegion(regions, field, code)).code);
}
