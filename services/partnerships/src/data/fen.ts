import type { ValueTransformer } from 'typeorm';

/**
 * Money is stored in fen (bigint, never rounded) and arrives from PostgreSQL as a string. Every sum
 * this service holds (¥12.6 M for the whole city is 1.26 × 10⁹ fen) is far below 2⁵³, so a JS
 * number keeps fen exactly; resolvers show yuan (`fenToYuan`).
 */
export const fenTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value == null ? null : Number(value)),
};

/** Yuan as the API shows them (two decimals at most). */
export function fenToYuan(fen: number): number {
  return fen / 100;
}
