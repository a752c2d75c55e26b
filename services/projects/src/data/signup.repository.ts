import type { EntityManager } from 'typeorm';

export class SignupRepository {
  constructor(private readonly manager: EntityManager) {}
}
