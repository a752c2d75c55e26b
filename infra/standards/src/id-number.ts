/**
 * Resident identity card numbers (GB 11643-1999): 6-digit area code, 8-digit birth date,
 * 3-digit sequence (odd = male), and a check character (ISO 7064 MOD 11-2).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export interface ParsedIdNumber {
  /** Normalised: upper-case X. */
  value: string;
  areaCode: string;
  birthDate: string; // YYYY-MM-DD
  gender: 'MALE' | 'FEMALE';
}

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Parses and validates an ID number; returns the reason it is invalid as a string otherwise.
 * `today` bounds the birth date (no one is born in the future, or before 1900).
 */
export function parseIdNumber(input: string, today = new Date()): ParsedIdNumber | string {
  const value = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return 'must be 18 characters: 17 digits and a digit or X';
  if (!/^[1-8]\d/.test(value)) return 'does not start with a valid province code';
  const [y, m, d] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return 'contains an impossible birth date';
  }
  if (y < 1900 || date.getTime() > today.getTime()) return 'contains a birth date out of range';
  if (idNumberCheckChar(value) !== value[17]) return 'has a wrong check digit';
  return {
    value,
    areaCode: value.slice(0, 6),
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    gender: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
  };
}

/** Builds a valid number from its parts (seed data, tests). `sequence` is 0–999. */
export function makeIdNumber(areaCode: string, birthDate: string, sequence: number): string {
  const first17 = `${areaCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** `370303********1234`: area code and last four kept. */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 6)}${'*'.repeat(8)}${value.slice(14)}`;
}

/** Is this a well-formed resident ID number (17 digits and the right check character)? Form only. */
export function isWellFormedIdNumber(value: string): boolean {
  const id = value.trim().toUpperCase();
  return /^\d{17}[\dX]$/.test(id) && idNumberCheckChar(id) === id[17];
}

/** Text shaped like an ID number (17 digits and a digit or X), well-formed or not. */
export function looksLikeIdNumber(value: string): boolean {
  return /^\d{17}[\dXx]$/.test(value.trim());
}
