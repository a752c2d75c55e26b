/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters over a 31-symbol
 * alphabet (digits and upper-case letters without I, O, Z, S, V) — registration authority (1),
 * organisation category (1), administrative division (6 digits), organisation code (9), and a
 * check character computed over the first 17 (weights 3^i mod 31).
 */

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters (each from the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** The normalised code (trimmed, upper case), or the reason it is not a valid one. */
export function parseCreditCode(input: string): { value: string; divisionCode: string } | string {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return 'must be 18 characters';
  if ([...value].some((c) => !CREDIT_CODE_ALPHABET.includes(c))) return 'may hold only digits and the letters A–Y without I, O, S, V, Z';
  if (!/^\d{6}$/.test(value.slice(2, 8))) return 'characters 3–8 must be the 6-digit administrative division code';
  if (creditCodeCheckChar(value) !== value[17]) return 'has a wrong check character';
  return { value, divisionCode: value.slice(2, 8) };
}

/** Builds a valid code from its first 17 characters (seed data, tests). */
export function makeCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17);
}
