import { badUserInput } from '@vg/graphql';
import type { Region } from '../data/region.entity';
import type { RegionDirectory } from '../data/region.directory';

/** Trimmed text of 1..`max` characters, or BAD_USER_INPUT naming `field`. */
export function requiredText(field: string, value: string, max: number): string {
  const text = value.trim();
  if (!text) throw badUserInput(field, 'must not be empty');
  if ([...text].length > max) throw badUserInput(field, `must be at most ${max} characters`);
  return text;
}

/** Like requiredText, but null/undefined and blank give null. */
export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  if (value == null || !value.trim()) return null;
  return requiredText(field, value, max);
}

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

/** A bigint id as the API's ID (digits only), or BAD_USER_INPUT naming `field`. */
export function idArgument(field: string, id: string): string {
  if (!/^[1-9]\d{0,18}$/.test(id)) throw badUserInput(field, 'is not a valid id');
  return id;
}

/** PostgreSQL unique_violation on `constraint`? */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && name === constraint;
}
