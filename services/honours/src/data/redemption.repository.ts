import { bigintIds } from '@vg/db';
import type { EntityManager } from 'typeorm';
import { Redemption } from './redemption.entity';

export type NewRedemption = Pick<Redemption, 'volunteerId' | 'pointId' | 'itemId' | 'quantity' | 'points' | 'idempotencyKey' | 'redeemedBy'>;

/** Redemptions: points spent on catalogue items, found again by the caller's idempotency key. */
export class RedemptionRepository {
  constructor(private readonly manager: EntityManager) {}

  private get repo() {
    return this.manager.getRepository(Redemption);
  }

  byIds(ids: readonly string[]): Promise<Redemption[]> {
    return this.repo
      .createQueryBuilder('r')
      .comment('redemptionsByIds')
      .where('r.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** The volunteer's redemption made with this idempotency key, if any. */
  byKey(volunteerId: string, idempotencyKey: string): Promise<Redemption | null> {
    return this.repo.createQueryBuilder('r').comment('redemptionByKey').where('r.volunteer_id = :volunteerId AND r.idempotency_key = :idempotencyKey', { volunteerId, idempotencyKey }).getOne();
  }

  /** The redemption, locked until the transaction ends (refunds of one redemption are serialised). */
  lock(id: string): Promise<Redemption | null> {
    return this.repo.createQueryBuilder('r').comment('lockRedemption').where('r.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  async insert(redemption: NewRedemption): Promise<Redemption> {
    const { identifiers } = await this.repo.createQueryBuilder().comment('insertRedemption').insert().values(redemption).execute();
    const [created] = await this.byIds([String(identifiers[0].id)]);
    return created;
  }

  /** Marks a REDEEMED redemption REFUNDED; null when it was not REDEEMED any more. */
  async markRefunded(id: string, by: string, reason: string, at: Date): Promise<Redemption | null> {
    const { affected } = await this.repo
      .createQueryBuilder()
      .comment('refundRedemption')
      .update()
      .set({ status: 'REFUNDED', refundedAt: at, refundedBy: by, refundReason: reason })
      .where("id = :id AND status = 'REDEEMED'", { id })
      .execute();
    if (!affected) return null;
    const [refunded] = await this.byIds([id]);
    return refunded;
  }
}
