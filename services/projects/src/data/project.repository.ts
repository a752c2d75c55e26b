import type { EntityManager } from 'typeorm';

export class ProjectRepository {
  constructor(private readonly manager: EntityManager) {}
}
