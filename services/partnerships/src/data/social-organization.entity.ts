import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';

/** The service types social organisations deliver in enterprises (the schema's PartnershipServiceType). */
export const PARTNERSHIP_SERVICE_TYPES = [
  'MENTAL_HEALTH',
  'FIRST_AID_TRAINING',
  'LEGAL_CONSULTING',
  'EMPLOYMENT_GUIDANCE',
  'SAFETY_TRAINING',
  'OCCUPATIONAL_HEALTH',
  'FAMILY_EDUCATION',
  'CULTURAL_ACTIVITIES',
] as const;
export type PartnershipServiceType = (typeof PARTNERSHIP_SERVICE_TYPES)[number];

/**
 * A social organisation (社会组织) delivering services in enterprises: the service types it offers
 * and (in organization_volunteers) its volunteers. Contact phone as for enterprises.
 */
@Entity('social_organizations')
export class SocialOrganization extends BaseEntity {
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

  /** As for enterprises: loaded with the row, masked when read. */
  @Column({ type: 'bytea', name: 'contact_phone_encrypted', nullable: true })
  contactPhoneEncrypted!: Buffer | null;

  @Column({ type: 'text', array: true, name: 'service_types' })
  serviceTypes!: PartnershipServiceType[];
}
