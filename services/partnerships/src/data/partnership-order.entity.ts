import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';
import type { PartnershipServiceType } from './social-organization.entity';

export const PARTNERSHIP_ORDER_STATUSES = ['ORDERED', 'DISPATCHED', 'ACCEPTED', 'SCHEDULED', 'DELIVERED', 'RATED', 'CANCELLED'] as const;
export type PartnershipOrderStatus = (typeof PARTNERSHIP_ORDER_STATUSES)[number];

/**
 * 企业点单—联合会派单—社会组织接单: an enterprise's order for a volunteer service, dispatched by the
 * federation to a social organisation, which accepts, schedules and delivers it; then rated.
 * Dates (`wanted_from`, `wanted_to`, `delivered_on`) are China calendar dates as YYYY-MM-DD.
 */
@Entity('partnership_orders')
export class PartnershipOrder extends BaseEntity {
  @Column({ type: 'bigint', name: 'enterprise_id' })
  enterpriseId!: string;

  @Column({ type: 'varchar', length: 32, name: 'service_type' })
  serviceType!: PartnershipServiceType;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'date', name: 'wanted_from' })
  wantedFrom!: string;

  @Column({ type: 'date', name: 'wanted_to' })
  wantedTo!: string;

  @Column({ type: 'int' })
  headcount!: number;

  @Column({ type: 'varchar', length: 200 })
  place!: string;

  @Column({ type: 'varchar', length: 12, name: 'region_code' })
  regionCode!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: PartnershipOrderStatus;

  @Column({ type: 'bigint', name: 'social_organization_id', nullable: true })
  socialOrganizationId!: string | null;

  @Column({ type: 'timestamptz', name: 'scheduled_at', nullable: true })
  scheduledAt!: Date | null;

  @Column({ type: 'date', name: 'delivered_on', nullable: true })
  deliveredOn!: string | null;

  @Column({ type: 'smallint', nullable: true })
  rating!: number | null;

  @Column({ type: 'text', name: 'rating_comment', nullable: true })
  ratingComment!: string | null;

  @Column({ type: 'timestamptz', name: 'ordered_at', insert: false })
  orderedAt!: Date;

  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;
}
