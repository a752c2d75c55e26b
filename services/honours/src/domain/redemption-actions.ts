import { localDate } from '@vg/config';
import { conflict } from '@vg/standards';
import { badUserInput, forbidden, hasRole, idArgument, notFound, requiredText, requireSignedIn } from '@vg/graphql';
import type { HonoursContext } from '../context';
import { entitiesOf } from '../data/entities.client';
import type { CatalogueItem } from '../data/catalogue-item.entity';
import type { Redemption } from '../data/redemption.entity';
import type { RedeemInput } from '../generated/graphql';

/** Most units of one item in one redemption. */
export const MAX_QUANTITY = 100;
/** Idempotency keys: 1–64 printable ASCII characters without spaces (UUIDs, request ids). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,64}$/;

type Viewer = HonoursContext['viewer'];

/** Who is redeeming: the volunteer themself, or the point's staff for a volunteer they name. */
export type Redeemer = { as: 'SELF'; volunteerId: string } | { as: 'STAFF'; volunteerId: string | null };

/**
 * May the viewer redeem at all, before any input is checked? The volunteer themself (their
 * token's volunteer, `input.volunteerId` omitted or equal), or STATION_STAFF whose token's
 * `redemption_point_id` is the point redeemed at. Anyone else is FORBIDDEN — never a validation
 * error that would tell them the rules.
 */
export function redeemer(viewer: Viewer, input: Pick<RedeemInput, 'redemptionPointId' | 'volunteerId'>): Redeemer {
  requireSignedIn(viewer, 'redeem points');
  if (viewer.volunteerId && (input.volunteerId == null || input.volunteerId === viewer.volunteerId)) return { as: 'SELF', volunteerId: viewer.volunteerId };
  if (hasRole(viewer, 'STATION_STAFF') && viewer.redemptionPointId != null && input.redemptionPointId === viewer.redemptionPointId) return { as: 'STAFF', volunteerId: input.volunteerId ?? null };
  throw forbidden("Only the volunteer themself, or the redemption point's STATION_STAFF, may redeem their points");
}

export interface CheckedRedemption {
  volunteerId: string;
  redemptionPointId: string;
  itemId: string;
  quantity: number;
  idempotencyKey: string;
}

/** The redemption's input, checked; BAD_USER_INPUT naming the first field that is wrong. */
export function checkRedeemInput(who: Redeemer, input: RedeemInput): CheckedRedemption {
  const redemptionPointId = idArgument('input.redemptionPointId', input.redemptionPointId);
  const itemId = idArgument('input.itemId', input.itemId);
  if (who.volunteerId == null) throw badUserInput('input.volunteerId', "required: the point's staff redeem for a volunteer they name");
  const volunteerId = idArgument('input.volunteerId', who.volunteerId);
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > MAX_QUANTITY) throw badUserInput('input.quantity', `must be a whole number from 1 to ${MAX_QUANTITY}`);
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) throw badUserInput('input.idempotencyKey', 'must be 1 to 64 printable ASCII characters without spaces');
  return { volunteerId, redemptionPointId, itemId, quantity: input.quantity, idempotencyKey: input.idempotencyKey };
}

/** Is `existing` (found by the same volunteer and key) the redemption `wanted` asks for? */
export function sameRedemption(existing: Pick<Redemption, 'pointId' | 'itemId' | 'quantity'>, wanted: Pick<CheckedRedemption, 'redemptionPointId' | 'itemId' | 'quantity'>): boolean {
  return existing.pointId === wanted.redemptionPointId && existing.itemId === wanted.itemId && existing.quantity === wanted.quantity;
}

/**
 * Spends a volunteer's points on a catalogue item. In one transaction that first locks the
 * volunteer's points account — so one volunteer's redemptions (and retries of one key) run one
 * after the other and each sees the balance the previous one left: the idempotency key is looked up,
 * points due to expire are expired, the balance is checked, the stock is taken by a conditional
 * UPDATE (never below zero, also against other volunteers), the redemption inserted and debited.
 */
export async function redeem(ctx: HonoursContext, input: RedeemInput): Promise<Redemption> {
  const who = redeemer(ctx.viewer, input);
  const wanted = checkRedeemInput(who, input);
  const item = await redeemableItem(ctx, wanted);
  // The token vouches for the volunteer themself; a volunteer named by staff must exist.
  if (who.as === 'STAFF' && !(await entitiesOf(ctx).VOLUNTEER.load(wanted.volunteerId))) throw badUserInput('input.volunteerId', `unknown volunteer ${wanted.volunteerId}`);
  const points = item.pointsCost * wanted.quantity;
  const by = ctx.viewer.sub!;

  const redemption = await ctx.transaction(async (repos) => {
    const account = await repos.points.lockAccount(wanted.volunteerId);
    const existing = await repos.redemptions.byKey(wanted.volunteerId, wanted.idempotencyKey);
    if (existing) {
      if (sameRedemption(existing, wanted)) return existing;
      throw conflict('This idempotency key was already used for another redemption: use a new key', 'IDEMPOTENCY_KEY_REUSED');
    }
    const balance = account.balance - (await repos.points.expireDue(wanted.volunteerId, today()));
    if (balance < points) throw conflict(`The redemption costs ${points} points; the balance is ${balance}`, 'INSUFFICIENT_POINTS');
    if (!(await repos.redemptionPoints.takeStock(item.id, wanted.quantity))) throw conflict(`Fewer than ${wanted.quantity} of ${item.name} are left`, 'OUT_OF_STOCK');
    const redemption = await repos.redemptions.insert({
      volunteerId: wanted.volunteerId,
      pointId: wanted.redemptionPointId,
      itemId: item.id,
      quantity: wanted.quantity,
      points,
      idempotencyKey: wanted.idempotencyKey,
      redeemedBy: by,
    });
    await repos.points.debit({ volunteerId: wanted.volunteerId, points, kind: 'REDEMPTION', redemptionId: redemption.id, reason: `${wanted.quantity} × ${item.name}`, by });
    return redemption;
  });
  forgetStock(ctx, item.id, wanted.redemptionPointId);
  return redemption;
}

/** The request's loaders saw the item before its stock changed: the response must show it after. */
function forgetStock(ctx: HonoursContext, itemId: string, pointId: string): void {
  ctx.loaders.catalogueItem.clear(itemId);
  ctx.loaders.catalogueOfPoint.clear(pointId);
}

/** The item asked for, if it is on that point's catalogue; BAD_USER_INPUT naming the field otherwise. */
async function redeemableItem(ctx: HonoursContext, wanted: CheckedRedemption): Promise<CatalogueItem> {
  const [point, item] = await Promise.all([ctx.loaders.redemptionPoint.load(wanted.redemptionPointId), ctx.loaders.catalogueItem.load(wanted.itemId)]);
  if (!point) throw badUserInput('input.redemptionPointId', 'no redemption point has this id');
  if (!item || item.pointId !== point.id) throw badUserInput('input.itemId', "is not on this redemption point's catalogue");
  return item;
}

/**
 * Refunds a redemption (that point's STATION_STAFF, or ADMIN): the redemption becomes REFUNDED,
 * the stock returns and a new REFUND ledger entry gives the points back (the REDEMPTION entry
 * stays). The redemption row is locked first, so a refund is never given twice.
 */
export async function refundRedemption(ctx: HonoursContext, id: string, reason: string): Promise<Redemption> {
  requireSignedIn(ctx.viewer, 'refund a redemption');
  const admin = hasRole(ctx.viewer, 'ADMIN');
  const staffPoint = hasRole(ctx.viewer, 'STATION_STAFF') ? ctx.viewer.redemptionPointId : null;
  if (!admin && staffPoint == null) throw forbidden("Only the redemption point's STATION_STAFF or ADMIN may refund a redemption");
  const redemptionId = idArgument('id', id);
  const why = requiredText('reason', reason, 500);
  const by = ctx.viewer.sub!;

  const refunded = await ctx.transaction(async (repos) => {
    const redemption = await repos.redemptions.lock(redemptionId);
    if (!redemption) throw notFound('Redemption', redemptionId);
    if (!admin && redemption.pointId !== staffPoint) throw forbidden("Only the redemption point's STATION_STAFF or ADMIN may refund a redemption");
    if (redemption.status === 'REFUNDED') throw conflict('The redemption has already been refunded', 'ALREADY_REFUNDED');
    await repos.points.lockAccount(redemption.volunteerId);
    const marked = await repos.redemptions.markRefunded(redemption.id, by, why, new Date());
    if (!marked) throw conflict('The redemption has already been refunded', 'ALREADY_REFUNDED');
    await repos.redemptionPoints.returnStock(redemption.itemId, redemption.quantity);
    await repos.points.credit({ volunteerId: redemption.volunteerId, points: redemption.points, kind: 'REFUND', earnedOn: today(), redemptionId: redemption.id, reason: why, by });
    return marked;
  });
  forgetStock(ctx, refunded.itemId, refunded.pointId);
  return refunded;
}

/** Today in China time (UTC+8), as YYYY-MM-DD. */
const today = (): string => localDate(new Date());
