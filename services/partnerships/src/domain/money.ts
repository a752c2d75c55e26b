import { badUserInput } from '@vg/graphql';

/** The largest single donation or grant: ¥10,000,000. */
export const MAX_AMOUNT_FEN = 1_000_000_000;

/**
 * Yuan as given by a client (a Float), as whole fen: finite, at least ¥0.01, at most ¥10,000,000,
 * and no fraction of a fen (0.1 + 0.2 style float noise is tolerated). BAD_USER_INPUT naming
 * `field` otherwise.
 */
export function amountFen(field: string, yuan: number): number {
  if (!Number.isFinite(yuan)) throw badUserInput(field, 'must be a number of yuan');
  const fen = Math.round(yuan * 100);
  if (Math.abs(yuan * 100 - fen) > 1e-6) throw badUserInput(field, 'must be whole fen (at most two decimals)');
  if (fen < 1 || fen > MAX_AMOUNT_FEN) throw badUserInput(field, 'must be from 0.01 to 10,000,000 yuan');
  return fen;
}

/** Fen as yuan for messages: ¥1,234.50. */
export function formatYuan(fen: number): string {
  return `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
