import { CreateInsurance1764600000000 } from '../migrations/1764600000000-CreateInsurance';
import { Enrolment } from './enrolment.entity';
import { EnrolmentBatch } from './enrolment-batch.entity';
import { InsurancePlan } from './insurance-plan.entity';
import { PlanCoverItem } from './plan-cover-item.entity';

/** Everything this service's DataSource maps. */
export const entities = [InsurancePlan, PlanCoverItem, EnrolmentBatch, Enrolment];
/** Every migration, oldest first. */
export const migrations = [CreateInsurance1764600000000];
