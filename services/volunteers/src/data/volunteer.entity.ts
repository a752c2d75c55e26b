import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

export type Gender = 'MALE' | 'FEMALE';
export type VolunteerStatus = 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN';

/**
 * A registered volunteer. `volunteerNo` is the public identifier; the resident ID number and the
 * phone are stored only encrypted, with keyed hashes for look-up (see domain/pii.ts). Their masked
 * forms and the birth date are derived from the decrypted values when read, never stored: a
 * stored mask plus the birth date rebuilt the whole number (docs/personal-data.md). Gender is
 * derived from the ID number at registration.
 */
@Entity('volunteers')
export class Volunteer extends BaseEntity {
  @Column({ type: 'varchar', length: 16, name: 'volunteer_no', insert: false, update: false })
  volunteerNo!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 6 })
  gender!: Gender;

  @Column({ type: 'varchar', length: 12, name: 'region_code' })
  regionCode!: string;

  @Column({ type: 'text', array: true })
  skills!: string[];

  @Column({ type: 'bytea', name: 'id_number_encrypted', select: false })
  idNumberEncrypted!: Buffer;

  @Column({ type: 'char', length: 64, name: 'id_number_hash', select: false })
  idNumberHash!: string;

  @Column({ type: 'bytea', name: 'phone_encrypted', nullable: true, select: false })
  phoneEncrypted!: Buffer | null;

  @Column({ type: 'char', length: 64, name: 'phone_hash', nullable: true, select: false })
  phoneHash!: string | null;

  /** The account (token subject) that registered itself as this volunteer, if any. */
  @Column({ type: 'varchar', length: 128, name: 'account_sub', nullable: true })
  accountSub!: string | null;

  @Column({ type: 'varchar', length: 10 })
  status!: VolunteerStatus;

  @Column({ type: 'timestamptz', name: 'registered_at' })
  registeredAt!: Date;
}
