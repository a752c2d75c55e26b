import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ServiceRequestStatus } from './service-request.entity';

/** One step of a service request: who moved it from which status to which, and when (append-only). */
@Entity('service_request_events')
export class ServiceRequestEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'bigint', name: 'request_id' })
  requestId!: string;

  @Column({ type: 'varchar', length: 10, name: 'from_status', nullable: true })
  fromStatus!: ServiceRequestStatus | null;

  @Column({ type: 'varchar', length: 10, name: 'to_status' })
  toStatus!: ServiceRequestStatus;

  @Column({ type: 'varchar', length: 128, name: 'actor_sub', nullable: true })
  actor!: string | null;

  @Column({ type: 'varchar', length: 24, name: 'actor_role' })
  actorRole!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz', insert: false })
  at!: Date;
}
