import type { EntityManager } from 'typeorm';

export class ActivityRepository {
  constructor(private readonly manager: EntityManager) {}
}
