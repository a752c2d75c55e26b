import { localDate } from '@vg/config';
import { badUserInput, idArgument, isUniqueViolation, requireRole, requiredText } from '@vg/graphql';
import { conflict } from '@vg/standards';
import type { HonoursContext } from '../context';
import { entitiesOf } from '../data/entities.client';
import type { PointsLedgerEntry } from '../data/points-ledger-entry.entity';
import type { PointsRule } from '../data/points-rule.entity';
import type { PointsRuleInput } from '../generated/graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const THEME = /^[A-Z][A-Z_]{0,31}$/;
/** Largest manual adjustment either way (a typo of a few zeros should not pass). */
const MAX_ADJUSTMENT = 100_000;

const today = () => localDate(new Date());

/** Has at most `decimals` decimals (as the numeric columns store them). */
const hasDecimals = (value: number, decimals: number) => Math.abs(value * 10 ** decimals - Math.round(value * 10 ** decimals)) < 1e-6;

/**
 * A manual adjustment (ADMIN) with its reason: a credit earns a new lot (expiring in 3 years), a
 * debit takes the oldest points first. Never below a zero balance (CONFLICT POINTS_BELOW_ZERO).
 */
export async function adjustPoints(ctx: HonoursContext, volunteerId: string, points: number, reason: string): Promise<PointsLedgerEntry> {
  requireRole(ctx.viewer, 'adjust points', 'ADMIN');
  const id = idArgument('volunteerId', volunteerId);
  if (!Number.isInteger(points) || points === 0 || Math.abs(points) > MAX_ADJUSTMENT) throw badUserInput('points', `must be a whole number of points, not 0, at most ${MAX_ADJUSTMENT} either way`);
  const why = requiredText('reason', reason, 500);
  // An account is made on first use: an id no volunteer has would get one, with the points.
  if (!(await entitiesOf(ctx).VOLUNTEER.load(id))) throw badUserInput('volunteerId', `unknown volunteer ${id}`);
  const by = ctx.viewer.sub!;
  return ctx.transaction(async (repos) => {
    // The account row first: the volunteer's redemptions and credits queue behind it.
    const account = await repos.points.lockAccount(id);
    const balance = account.balance - (await repos.points.expireDue(id, today()));
    if (points > 0) return repos.points.credit({ volunteerId: id, points, kind: 'ADJUSTMENT', earnedOn: today(), reason: why, by });
    if (balance < -points) throw conflict(`The adjustment takes ${-points} points; the balance is ${balance}`, 'POINTS_BELOW_ZERO');
    return repos.points.debit({ volunteerId: id, points: -points, kind: 'ADJUSTMENT', reason: why, by });
  });
}

/**
 * A new points rule from a date on (ADMIN): after today (China time), so no record already
 * credited changes; one rule per date (CONFLICT POINTS_RULE_EXISTS).
 */
export async function setPointsRule(ctx: HonoursContext, input: PointsRuleInput): Promise<PointsRule> {
  requireRole(ctx.viewer, 'set a points rule', 'ADMIN');
  const effectiveFrom = String(input.effectiveFrom);
  if (!DATE.test(effectiveFrom) || Number.isNaN(Date.parse(`${effectiveFrom}T00:00:00Z`))) throw badUserInput('input.effectiveFrom', 'must be a date, YYYY-MM-DD');
  // Not today either: records served today may be credited already, by the rule before, and a
  // later correction of one would be recomputed by the new rule, rewriting what it earned.
  if (effectiveFrom <= today()) throw badUserInput('input.effectiveFrom', `must be after today (${today()}): history is never rewritten`);
  if (!(input.pointsPerHour >= 0 && input.pointsPerHour <= 1000) || !hasDecimals(input.pointsPerHour, 2))
    throw badUserInput('input.pointsPerHour', 'must be between 0 and 1000, with at most 2 decimals');
  const coefficients = input.coefficients ?? [];
  const themes = new Set<string>();
  for (const [i, c] of coefficients.entries()) {
    if (!THEME.test(c.theme)) throw badUserInput(`input.coefficients.${i}.theme`, 'must be a service theme, e.g. EMERGENCY_RESCUE');
    if (themes.has(c.theme)) throw badUserInput(`input.coefficients.${i}.theme`, 'is listed twice');
    themes.add(c.theme);
    if (!(c.coefficient >= 0 && c.coefficient <= 10) || !hasDecimals(c.coefficient, 2)) throw badUserInput(`input.coefficients.${i}.coefficient`, 'must be between 0 and 10, with at most 2 decimals');
  }
  try {
    return await ctx.transaction((repos) => repos.points.insertRule({ effectiveFrom, pointsPerHour: input.pointsPerHour, createdBy: ctx.viewer.sub!, coefficients }));
  } catch (error) {
    if (isUniqueViolation(error, 'points_rules_effective_from_key')) throw conflict(`A points rule already applies from ${effectiveFrom}`, 'POINTS_RULE_EXISTS');
    throw error;
  }
}
