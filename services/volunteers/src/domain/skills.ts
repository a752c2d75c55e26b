import { badUserInput, requiredText } from '@vg/graphql';

/** At most this many skills per volunteer: they are tags for matching, not a CV. */
export const MAX_SKILLS = 10;
export const MAX_SKILL_LENGTH = 20;

/** Skills: at most MAX_SKILLS, each 1–MAX_SKILL_LENGTH characters, duplicates dropped. */
export function skillList(field: string, skills: readonly string[] | null | undefined): string[] {
  const list = [...new Set((skills ?? []).map((s, i) => requiredText(`${field}[${i}]`, s, MAX_SKILL_LENGTH)))];
  if (list.length > MAX_SKILLS) throw badUserInput(field, `at most ${MAX_SKILLS} skills`);
  return list;
}
