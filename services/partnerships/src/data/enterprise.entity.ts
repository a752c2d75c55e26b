import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

/**
 * An enterprise (企业) taking part in 益企联建: it orders services from the volunteer federation.
 * The contact phone is stored only encrypted; its masked form is derived when read.
 */
@Entity('enterprises')
export class Enterprise extends BaseEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'char', length: 18, name: 'credit_code' })
  creditCode!: string;

  @Column({ type: 'varchar', length: 12, name: 'region_code' })
  regionCode!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 50, name: 'contact_name', nullable: true })
  contactName!: string | null;

  /** Loaded with the row: the masked display is derived from it when read (no masked form is stored). */
  @Column({ type: 'bytea', name: 'contact_phone_encrypted', nullable: true })
  contactPhoneEncrypted!: Buffer | null;
}
