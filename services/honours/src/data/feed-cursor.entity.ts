import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where the consumer of a feed stands: moved in the same transaction as the credits it made. */
@Entity('feed_cursors')
export class FeedCursor {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  feed!: string;

  /** The last change credited (bigint, as a string). */
  @Column({ type: 'bigint', name: 'last_sequence' })
  lastSequence!: string;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
