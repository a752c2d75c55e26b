import { badUserInput } from '@vg/graphql';
import type { InsuranceContext } from '../context';
import type { InsurancePlan } from '../data/insurance-plan.entity';
import { chinaToday } from './dates';

/** A plan code as stored: codes are upper case, and the insurer's systems send them either way. */
export function normalisePlanCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Can cover start on `today` (China date) under this plan? */
export function isOnSale(plan: Pick<InsurancePlan, 'onSaleFrom' | 'onSaleUntil'>, today: string = chinaToday()): boolean {
  return plan.onSaleFrom <= today && (plan.onSaleUntil === null || today <= plan.onSaleUntil);
}

/** Every plan (public: they are what the city offers its volunteers), on sale first; primes the plan loader. */
export async function listPlans(ctx: InsuranceContext): Promise<InsurancePlan[]> {
  const plans = await ctx.repos.plans.all(chinaToday());
  for (const plan of plans) ctx.loaders.plan.prime(plan.id, plan);
  return plans;
}

/** The plan with this code, or null. */
export async function planByCode(ctx: InsuranceContext, code: string): Promise<InsurancePlan | null> {
  return (await ctx.repos.plans.byCodes([normalisePlanCode(code)]))[0] ?? null;
}

/** The plan's id for a plan-code argument; undefined when none is given, BAD_USER_INPUT naming `field` when there is no such plan. */
export async function planIdArgument(ctx: InsuranceContext, field: string, code: string | null | undefined): Promise<string | undefined> {
  if (code == null) return undefined;
  const plan = await planByCode(ctx, code);
  if (!plan) throw badUserInput(field, `no plan has code ${code}`);
  return plan.id;
}
