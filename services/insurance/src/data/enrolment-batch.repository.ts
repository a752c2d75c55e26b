import type { EntityManager } from 'typeorm';
import { sql } from '@vg/db';
import { EnrolmentBatch, type StoredItemResult } from './enrolment-batch.entity';

export type NewBatch = Pick<EnrolmentBatch, 'batchId' | 'planId' | 'contentHash' | 'itemCount' | 'submittedBy'>;

/** The insurer's batches: claimed first, then given their results, in one transaction. */
export class EnrolmentBatchRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(EnrolmentBatch);
  }

  byBatchId(batchId: string): Promise<EnrolmentBatch | null> {
    return this.repo.createQueryBuilder('b').comment('batchByBatchId').where('b.batch_id = :batchId', { batchId }).getOne();
  }

  /**
   * Claims `batchId` for this transaction: the new batch (results still empty), or null when the
   * id is taken. A concurrent claim of the same id waits here until this transaction ends, then
   * gets null if it committed — so one batch id is only ever processed once.
   */
  async claim(batch: NewBatch): Promise<EnrolmentBatch | null> {
    const rows: { id: string; created_at: Date; updated_at: Date }[] = await this.manager.query(
      sql(
        'claimBatch',
        `INSERT INTO enrolment_batches (batch_id, plan_id, content_hash, item_count, submitted_by) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (batch_id) DO NOTHING RETURNING id, created_at, updated_at`,
      ),
      [batch.batchId, batch.planId, batch.contentHash, batch.itemCount, batch.submittedBy],
    );
    if (rows.length === 0) return null;
    return this.repo.create({ ...batch, id: String(rows[0].id), createdAt: rows[0].created_at, updatedAt: rows[0].updated_at, results: [] });
  }

  async recordResults(id: string, results: StoredItemResult[]): Promise<void> {
    await this.repo.createQueryBuilder().comment('recordBatchResults').update().set({ results }).where('id = :id', { id }).execute();
  }
}
