import type { EntityManager } from 'typeorm';
import { bigintIds } from '@vg/db';
import { InsurancePlan } from './insurance-plan.entity';
import { PlanCoverItem } from './plan-cover-item.entity';

/** Insurance plans and their cover items (reference data: written by the seed's catalogue). */
export class PlanRepository {
  constructor(private readonly manager: EntityManager) {}

  private get plans() {
    return this.manager.getRepository(InsurancePlan);
  }

  byIds(ids: readonly string[]): Promise<InsurancePlan[]> {
    return this.plans
      .createQueryBuilder('p')
      .comment('plansByIds')
      .where('p.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  byCodes(codes: readonly string[]): Promise<InsurancePlan[]> {
    return this.plans.createQueryBuilder('p').comment('plansByCodes').where('p.code = ANY(:codes)', { codes }).getMany();
  }

  /** Every plan: those on sale on `today` first, then the newest. */
  all(today: string): Promise<InsurancePlan[]> {
    return this.plans
      .createQueryBuilder('p')
      .comment('allPlans')
      .orderBy('(p.on_sale_from <= :today AND (p.on_sale_until IS NULL OR p.on_sale_until >= :today))', 'DESC')
      .addOrderBy('p.on_sale_from', 'DESC')
      .addOrderBy('p.id')
      .setParameters({ today })
      .getMany();
  }

  /** The cover items of these plans, in each plan's order. */
  coverItemsOf(planIds: readonly string[]): Promise<PlanCoverItem[]> {
    return this.manager
      .getRepository(PlanCoverItem)
      .createQueryBuilder('c')
      .comment('coverItemsOfPlans')
      .where('c.plan_id = ANY(:ids)', { ids: bigintIds(planIds) })
      .orderBy('c.plan_id')
      .addOrderBy('c.position')
      .getMany();
  }
}
