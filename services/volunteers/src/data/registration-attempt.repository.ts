import type { EntityManager } from 'typeorm';
import { RegistrationAttempt, type RegistrationAttemptOutcome } from './registration-attempt.entity';

export interface NewRegistrationAttempt {
  accountSub: string;
  roles: readonly string[];
  idNumberHash: string;
  outcome: RegistrationAttemptOutcome;
}

/** The log of refused registrations (written on the pool: it must outlive the refused request's rollback). */
export class RegistrationAttemptRepository {
  constructor(private readonly manager: EntityManager) {}

  async record(attempt: NewRegistrationAttempt): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .comment('recordRegistrationAttempt')
      .insert()
      .into(RegistrationAttempt)
      .values({ ...attempt, roles: [...attempt.roles] })
      .execute();
  }
}
