import { badUserInput } from './errors';

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

/** PostgreSQL's largest bigint: 19 digits above it would fail the cast as an internal error. */
const BIGINT_MAX = 9223372036854775807n;

/** Digits of a positive id that fits a bigint column (1 to 9223372036854775807). */
export function isBigintId(id: string): boolean {
  return /^[1-9]\d{0,18}$/.test(id) && BigInt(id) <= BIGINT_MAX;
}

/** A bigint id as the API's ID (digits only, within the bigint range), or BAD_USER_INPUT naming `field`. */
export function idArgument(field: string, id: string): string {
  if (!isBigintId(id)) throw badUserInput(field, 'is not a valid id');
  return id;
}

/** Is `error` PostgreSQL's unique_violation on `constraint`? */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && name === constraint;
}

/**
 * A mainland China mobile number: 11 digits starting 1[3-9]; spaces and dashes between digits are
 * dropped first (people type "139 0533 1234"). BAD_USER_INPUT naming `field` otherwise.
 */
export function mobilePhone(field: string, phone: string): string {
  const value = phone.replace(/[\s-]/g, '');
  if (!/^1[3-9]\d{9}$/.test(value)) throw badUserInput(field, 'must be an 11-digit mainland mobile number');
  return value;
}
