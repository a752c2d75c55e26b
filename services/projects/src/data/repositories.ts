import type { EntityManager } from 'typeorm';
import { ActivityRepository } from './activity.repository';
import { ProjectRepository } from './project.repository';
import { ServiceRecordRepository } from './service-record.repository';
import { ServiceRequestRepository } from './service-request.repository';
import { SignupRepository } from './signup.repository';

/** The service's repositories, bound to one EntityManager (the pool, or a request's transaction). */
export interface Repositories {
  projects: ProjectRepository;
  activities: ActivityRepository;
  signups: SignupRepository;
  records: ServiceRecordRepository;
  requests: ServiceRequestRepository;
}

export function repositoriesFor(manager: EntityManager): Repositories {
  return {
    projects: new ProjectRepository(manager),
    activities: new ActivityRepository(manager),
    signups: new SignupRepository(manager),
    records: new ServiceRecordRepository(manager),
    requests: new ServiceRequestRepository(manager),
  };
}
