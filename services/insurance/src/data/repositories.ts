import type { EntityManager } from 'typeorm';
import { EnrolmentBatchRepository } from './enrolment-batch.repository';
import { EnrolmentRepository } from './enrolment.repository';
import { PlanRepository } from './plan.repository';

/** The service's repositories, bound to one EntityManager (the pool, or a request's transaction). */
export interface Repositories {
  plans: PlanRepository;
  enrolments: EnrolmentRepository;
  batches: EnrolmentBatchRepository;
}

export function repositoriesFor(manager: EntityManager): Repositories {
  return {
    plans: new PlanRepository(manager),
    enrolments: new EnrolmentRepository(manager),
    batches: new EnrolmentBatchRepository(manager),
  };
}
