import { Column, Entity } from 'typeorm';
import { BaseEntity, numericTransformer } from '@vg/db';

export type ServiceRequestStatus = 'ORDERED' | 'DISPATCHED' | 'FUNDED' | 'ACCEPTED' | 'COMPLETED' | 'RATED' | 'CANCELLED';
export type ServiceRequestKind = 'SERVICE' | 'MICRO_WISH';

/**
 * A resident's request in the five-order loop. Signed-in residents are known by their token
 * subject; anonymous ones by a phone (encrypted) and a tracking code (hashed) given once.
 */
@Entity('service_requests')
export class ServiceRequest extends BaseEntity {
  @Column({ type: 'varchar', length: 10 })
  kind!: ServiceRequestKind;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 200 })
  address!: string;

  @Column({ type: 'varchar', length: 12, name: 'region_code' })
  regionCode!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: ServiceRequestStatus;

  @Column({ type: 'varchar', length: 128, name: 'requester_sub', nullable: true })
  requesterSub!: string | null;

  @Column({ type: 'char', length: 64, name: 'tracking_code_hash', nullable: true, select: false })
  trackingCodeHash!: string | null;

  /**
   * Loaded with the row: the masked display (138****5678) is derived from it when read, so no
   * masked form is stored and no second statement is needed (docs/personal-data.md).
   */
  @Column({ type: 'bytea', name: 'contact_phone_encrypted', nullable: true })
  contactPhoneEncrypted!: Buffer | null;

  @Column({ type: 'bigint', name: 'team_id', nullable: true })
  teamId!: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, name: 'funding_amount', nullable: true, transformer: numericTransformer })
  fundingAmount!: number | null;

  @Column({ type: 'bigint', name: 'accepted_by', nullable: true })
  acceptedBy!: string | null;

  @Column({ type: 'smallint', nullable: true })
  rating!: number | null;

  @Column({ type: 'text', name: 'rating_comment', nullable: true })
  ratingComment!: string | null;

  @Column({ type: 'timestamptz', name: 'ordered_at', insert: false })
  orderedAt!: Date;
}

/** A request as resolvers return it: the tracking code is present only in the response to the order. */
export type ServiceRequestView = ServiceRequest & { trackingCode?: string | null };
