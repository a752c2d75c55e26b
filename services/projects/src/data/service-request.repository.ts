import type { EntityManager } from 'typeorm';

export class ServiceRequestRepository {
  constructor(private readonly manager: EntityManager) {}
}
