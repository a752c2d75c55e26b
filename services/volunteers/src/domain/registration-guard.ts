import { GraphQLError } from 'graphql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { rateLimited } from '@vg/graphql';
import { conflict } from '@vg/standards';
import { RegistrationAttemptRepository, type NewRegistrationAttempt } from '../data/registration-attempt.repository';

/** How often registrations may be tried (the volunteers service's settings; see service.ts). */
export interface RegistrationLimits {
  /** Self-registration attempts one account may make in an hour (attempts with well-formed input). */
  selfAttemptsPerHour: number;
  /** Refused registrations one registrar account (TEAM_LEADER, STATION_STAFF) may have in a day. */
  registrarRefusalsPerDay: number;
  /** Refused registrations with one ID number in a day, across accounts; then it is refused all day. */
  refusalsPerIdNumberPerDay: number;
}

/** Who tries to register which number (by its keyed hash), and whether as a registrar. */
export type RegistrationTry = Omit<NewRegistrationAttempt, 'outcome'> & { registrar: boolean };

const HOUR = 3600;
const DAY = 24 * HOUR;

/**
 * The one refusal a caller who may not see other people's registrations gets, whatever the cause
 * (the number is someone else's, or the number was refused too often today): the same code,
 * reason and message, so the answer does not say that the number is registered. The real owner
 * resolves it in person.
 */
export function registrationRefused(): GraphQLError {
  return conflict('This registration cannot be completed online: please visit a service station with your ID card', 'REGISTRATION_REFUSED');
}

/**
 * Limits on registration attempts, and the log of refused ones. Counters live in the volunteers
 * database (RateLimiterPostgres on the service's TypeORM pool, table `registration_limits` from the
 * migrations): they survive restarts and are shared by replicas. Keys are the account subject and
 * the keyed hash of the ID number, never the number. A counter the database cannot answer fails
 * the request (closed), it is not skipped.
 */
export class RegistrationGuard {
  private readonly selfAttempts: RateLimiterPostgres;
  private readonly registrarRefusals: RateLimiterPostgres;
  private readonly idNumberRefusals: RateLimiterPostgres;
  private readonly attempts: RegistrationAttemptRepository;

  constructor(
    dataSource: DataSource,
    private readonly limits: RegistrationLimits,
  ) {
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterPostgres({ storeClient: dataSource, storeType: 'typeorm', tableName: 'registration_limits', tableCreated: true, keyPrefix, points, duration });
    this.selfAttempts = limiter('self', limits.selfAttemptsPerHour, HOUR);
    this.registrarRefusals = limiter('registrar', limits.registrarRefusalsPerDay, DAY);
    this.idNumberRefusals = limiter('id', limits.refusalsPerIdNumberPerDay, DAY);
    this.attempts = new RegistrationAttemptRepository(dataSource.manager);
  }

  /** Counts one self-registration attempt of the account: RATE_LIMITED once it is over the hour's limit. */
  async countSelfAttempt(sub: string): Promise<void> {
    try {
      await this.selfAttempts.consume(sub);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw rateLimited(`At most ${this.limits.selfAttemptsPerHour} registration attempts an hour`, error.msBeforeNext);
      throw error;
    }
  }

  /**
   * RATE_LIMITED when the registrar account was refused too often today. Only refusals count: a
   * station registering a queue of new people is never refused, so never limited.
   */
  async checkRegistrar(sub: string): Promise<void> {
    const counted = await this.registrarRefusals.get(sub);
    if (counted && counted.consumedPoints >= this.limits.registrarRefusalsPerDay) {
      throw rateLimited(`At most ${this.limits.registrarRefusalsPerDay} refused registrations a day`, counted.msBeforeNext);
    }
  }

  /** Was this ID number (by its keyed hash) refused too often today to be tried online again? */
  async isIdNumberLocked(idNumberHash: string): Promise<boolean> {
    const counted = await this.idNumberRefusals.get(idNumberHash);
    return counted !== null && counted.consumedPoints >= this.limits.refusalsPerIdNumberPerDay;
  }

  /**
   * Records a refused attempt for the service centre and counts it against the ID number (and the
   * registrar): the generic refusal to throw. Written on the pool, outside the refused request's
   * transaction, which rolls back.
   */
  async refuse(attempt: RegistrationTry & Pick<NewRegistrationAttempt, 'outcome'>): Promise<GraphQLError> {
    const { registrar, ...record } = attempt;
    await Promise.all([this.attempts.record(record), this.idNumberRefusals.penalty(record.idNumberHash), registrar ? this.registrarRefusals.penalty(record.accountSub) : undefined]);
    return registrationRefused();
  }
}
