import type { EntityManager } from 'typeorm';
import { DeliveryRepository } from './delivery.repository';
import { FundRepository } from './fund.repository';
import { NewEmploymentRepository } from './new-employment.repository';
import { OrderRepository } from './order.repository';
import { OrganizationRepository } from './organization.repository';
import { PackageRepository } from './package.repository';
import { ReportRepository } from './report.repository';

/** The service's repositories, bound to one EntityManager (the pool, or a request's transaction). */
export interface Repositories {
  organizations: OrganizationRepository;
  orders: OrderRepository;
  /** Who served on delivered orders, and the outbox of service records still to write. */
  deliveries: DeliveryRepository;
  packages: PackageRepository;
  newEmployment: NewEmploymentRepository;
  funds: FundRepository;
  reports: ReportRepository;
}

export function repositoriesFor(manager: EntityManager): Repositories {
  return {
    organizations: new OrganizationRepository(manager),
    orders: new OrderRepository(manager),
    deliveries: new DeliveryRepository(manager),
    packages: new PackageRepository(manager),
    newEmployment: new NewEmploymentRepository(manager),
    funds: new FundRepository(manager),
    reports: new ReportRepository(manager),
  };
}
