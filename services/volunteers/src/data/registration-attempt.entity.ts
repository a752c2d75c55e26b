import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

/** Why an attempt was refused: the number is someone else's, or it was refused too often today. */
export type RegistrationAttemptOutcome = 'DUPLICATE' | 'ID_NUMBER_LOCKED';

/**
 * A registration refused without saying why (REGISTRATION_REFUSED): who tried and when
 * (`createdAt`), and the keyed hash of the ID number they gave — never the number — so the service
 * centre can find the real owner's case and resolve it with them in person.
 */
@Entity('registration_attempts')
export class RegistrationAttempt extends BaseEntity {
  @Column({ type: 'varchar', length: 128, name: 'account_sub' })
  accountSub!: string;

  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ type: 'char', length: 64, name: 'id_number_hash' })
  idNumberHash!: string;

  @Column({ type: 'varchar', length: 16 })
  outcome!: RegistrationAttemptOutcome;
}
