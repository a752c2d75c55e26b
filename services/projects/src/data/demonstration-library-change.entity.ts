import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One addition to or removal from the city demonstration library, with its reason (append-only). */
@Entity('demonstration_library_changes')
export class DemonstrationLibraryChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'bigint', name: 'project_id' })
  projectId!: string;

  @Column({ type: 'varchar', length: 8 })
  action!: 'ADDED' | 'REMOVED';

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 128, name: 'by_sub' })
  by!: string;

  @Column({ type: 'timestamptz', insert: false })
  at!: Date;
}
