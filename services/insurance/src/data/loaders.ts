import DataLoader from 'dataloader';
import { batchByKey, batchGroupsByKey } from '@vg/graphql';
import type { Enrolment } from './enrolment.entity';
import type { VolunteerDate } from './enrolment.repository';
import type { InsurancePlan } from './insurance-plan.entity';
import type { PlanCoverItem } from './plan-cover-item.entity';
import type { Repositories } from './repositories';

/**
 * One set per request (made in the context). Each loader issues one statement per batch whatever
 * the number of keys, returns one result per key in key order (null / [] / false where nothing
 * matches), and de-duplicates keys.
 */
export interface Loaders {
  plan: DataLoader<string, InsurancePlan | null>;
  coverItemsOfPlan: DataLoader<string, PlanCoverItem[]>;
  enrolment: DataLoader<string, Enrolment | null>;
  /** Every enrolment of a volunteer, latest cover first. */
  enrolmentsOfVolunteer: DataLoader<string, Enrolment[]>;
  /** Is the volunteer covered on the date by a live enrolment of any plan? */
  coveredOn: DataLoader<VolunteerDate, boolean, string>;
}

const pairKey = (p: VolunteerDate) => `${p.volunteerId}|${p.date}`;

export function createLoaders(repos: Repositories): Loaders {
  const enrolment = new DataLoader<string, Enrolment | null>(async (ids) => batchByKey(ids, await repos.enrolments.byIds(ids), (e) => e.id));
  return {
    plan: new DataLoader(async (ids) => batchByKey(ids, await repos.plans.byIds(ids), (p) => p.id)),
    coverItemsOfPlan: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.plans.coverItemsOf(ids), (c) => c.planId)),
    enrolment,
    enrolmentsOfVolunteer: new DataLoader(async (ids) => {
      const rows = await repos.enrolments.ofVolunteers(ids);
      for (const row of rows) enrolment.prime(row.id, row);
      return batchGroupsByKey(ids, rows, (e) => e.volunteerId);
    }),
    coveredOn: new DataLoader(
      async (pairs) => {
        const covered = new Set((await repos.enrolments.covered(pairs)).map(pairKey));
        return pairs.map((p) => covered.has(pairKey(p)));
      },
      { cacheKeyFn: pairKey },
    ),
  };
}
