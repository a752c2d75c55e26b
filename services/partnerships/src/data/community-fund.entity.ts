import { Column, Entity } from 'typeorm';
import { BaseEntity } from '@vg/db';
import { fenTransformer } from './fen';

/**
 * A community development fund (社区发展基金), one per community. Amounts in fen; the table's
 * checks keep balance = raised − granted and balance ≥ 0 whatever a statement does.
 */
@Entity('community_funds')
export class CommunityFund extends BaseEntity {
  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 12, name: 'region_code' })
  regionCode!: string;

  @Column({ type: 'bigint', name: 'balance_fen', transformer: fenTransformer })
  balanceFen!: number;

  @Column({ type: 'bigint', name: 'raised_fen', transformer: fenTransformer })
  raisedFen!: number;

  @Column({ type: 'bigint', name: 'granted_fen', transformer: fenTransformer })
  grantedFen!: number;
}
