import type { EntityManager } from 'typeorm';

export class ServiceRecordRepository {
  constructor(private readonly manager: EntityManager) {}
}
