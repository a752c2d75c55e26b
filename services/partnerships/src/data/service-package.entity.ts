import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ServicePackageCategory } from '../generated/graphql';

/** A service package for new-employment groups (法律咨询, 就业指导, 爱心驿站歇脚 …): the catalogue. */
@Entity('service_packages')
export class ServicePackage {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 12 })
  category!: ServicePackageCategory;

  @Column({ type: 'text' })
  description!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
