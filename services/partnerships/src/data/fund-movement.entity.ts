import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DonorKind, FundMovementKind } from '../generated/graphql';
import { fenTransformer } from './fen';

/** One movement of a community fund (append-only): a donation in or a grant out, with who and why. */
@Entity('fund_movements')
export class FundMovement {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'bigint', name: 'fund_id' })
  fundId!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: FundMovementKind;

  @Column({ type: 'bigint', name: 'amount_fen', transformer: fenTransformer })
  amountFen!: number;

  /** The fund's balance right after this movement (the row lock orders movements of one fund). */
  @Column({ type: 'bigint', name: 'balance_after_fen', transformer: fenTransformer })
  balanceAfterFen!: number;

  @Column({ type: 'varchar', length: 10, name: 'donor_kind', nullable: true })
  donorKind!: DonorKind | null;

  @Column({ type: 'bigint', name: 'enterprise_id', nullable: true })
  enterpriseId!: string | null;

  @Column({ type: 'varchar', length: 100, name: 'donor_name', nullable: true })
  donorName!: string | null;

  /** A grant's service request (projects subgraph). */
  @Column({ type: 'bigint', name: 'service_request_id', nullable: true })
  serviceRequestId!: string | null;

  /** A grant's project (projects subgraph). */
  @Column({ type: 'bigint', name: 'project_id', nullable: true })
  projectId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  /** Token subject of who recorded it. */
  @Column({ type: 'varchar', length: 128, name: 'by_sub' })
  bySub!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
