import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '@vg/db';

/** Who issues a star level: county federations 1–2, the city 3–4, the province 5. */
export type IssuerLevel = 'COUNTY' | 'CITY' | 'PROVINCE';

/**
 * A formal star award (星级志愿者认证) with its certificate number. Never deleted: a revoked
 * certificate keeps its row (revoked_at, the reason), so its number still verifies, as REVOKED.
 * The volunteer's public number is copied at issue, so verifying a number needs no other subgraph.
 */
@Entity('star_certifications')
export class StarCertification {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'varchar', length: 40, name: 'certificate_no' })
  certificateNo!: string;

  @Column({ type: 'bigint', name: 'volunteer_id' })
  volunteerId!: string;

  @Column({ type: 'varchar', length: 20, name: 'volunteer_no' })
  volunteerNo!: string;

  @Column({ type: 'smallint' })
  level!: number;

  /** YYYY-MM-DD. */
  @Column({ type: 'date', name: 'issued_on' })
  issuedOn!: string;

  @Column({ type: 'varchar', length: 8, name: 'issuer_level' })
  issuerLevel!: IssuerLevel;

  @Column({ type: 'varchar', length: 12, name: 'issuer_region_code' })
  issuerRegionCode!: string;

  @Column({ type: 'varchar', length: 128, name: 'issued_by' })
  issuedBy!: string;

  @Column({ type: 'numeric', precision: 9, scale: 1, name: 'hours_at_issue', transformer: numericTransformer })
  hoursAtIssue!: number;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 128, name: 'revoked_by', nullable: true })
  revokedBy!: string | null;

  @Column({ type: 'text', name: 'revoke_reason', nullable: true })
  revokeReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
