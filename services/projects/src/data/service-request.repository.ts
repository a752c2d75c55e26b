import { bigintIds, countRows, likePrefix } from '@vg/db';
import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { ServiceRequestEvent } from './service-request-event.entity';
import { ServiceRequest, type ServiceRequestKind, type ServiceRequestStatus } from './service-request.entity';

export interface ServiceRequestQuery {
  status?: ServiceRequestStatus;
  kind?: ServiceRequestKind;
  teamId?: string;
  /** Region code prefix: the region and everything below it. Digits only. */
  regionPrefix?: string;
}

/**
 * Requests in one status, narrowed by whatever is given (all given conditions hold). A queue is
 * the union of several slices.
 */
export interface ServiceRequestSlice {
  status: ServiceRequestStatus;
  teamIds?: readonly string[];
  acceptedBy?: string;
  requesterSub?: string;
}

export type NewServiceRequest = Pick<ServiceRequest, 'kind' | 'title' | 'description' | 'address' | 'regionCode' | 'requesterSub' | 'trackingCodeHash' | 'contactPhoneEncrypted'>;

/** Columns a step of the loop sets together with the status. */
export type ServiceRequestChanges = Partial<Pick<ServiceRequest, 'teamId' | 'fundingAmount' | 'acceptedBy' | 'rating' | 'ratingComment'>>;

/** Extra conditions a step's update must still meet (what the step was decided on). */
export interface ServiceRequestGuard {
  teamId?: string;
  acceptedBy?: string;
}

export type NewServiceRequestEvent = Pick<ServiceRequestEvent, 'requestId' | 'fromStatus' | 'toStatus' | 'actor' | 'actorRole' | 'note'>;

/** Service requests (the five-order loop) and their history. */
export class ServiceRequestRepository {
  constructor(private readonly manager: EntityManager) {}

  private get requests() {
    return this.manager.getRepository(ServiceRequest);
  }

  private get events() {
    return this.manager.getRepository(ServiceRequestEvent);
  }

  byIds(ids: readonly string[]): Promise<ServiceRequest[]> {
    return this.requests
      .createQueryBuilder('r')
      .comment('serviceRequestsByIds')
      .where('r.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** The keyed hash of the request's tracking code (anonymous orders), null when it has none or does not exist. */
  async trackingCodeHash(id: string): Promise<string | null> {
    const row = await this.requests
      .createQueryBuilder('r')
      .comment('serviceRequestTrackingCodeHash')
      .select('r.tracking_code_hash', 'hash')
      .where('r.id = :id', { id })
      .getRawOne<{ hash: string | null }>();
    return row?.hash ?? null;
  }

  /** Up to `limit` requests matching `query` with id < `beforeId`, newest first. */
  page(query: ServiceRequestQuery, limit: number, beforeId?: string): Promise<ServiceRequest[]> {
    const q = this.filtered(query, 'pageServiceRequests').orderBy('r.id', 'DESC').limit(limit);
    if (beforeId) q.andWhere('r.id < :beforeId', { beforeId });
    return q.getMany();
  }

  count(query: ServiceRequestQuery): Promise<number> {
    return countRows(this.filtered(query, 'countServiceRequests'));
  }

  private filtered(query: ServiceRequestQuery, name: string): SelectQueryBuilder<ServiceRequest> {
    const q = this.requests.createQueryBuilder('r').comment(name);
    if (query.status) q.andWhere('r.status = :status', { status: query.status });
    if (query.kind) q.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.teamId) q.andWhere('r.team_id = :teamId', { teamId: query.teamId });
    if (query.regionPrefix) q.andWhere('r.region_code LIKE :prefix', { prefix: likePrefix(query.regionPrefix) });
    return q;
  }

  /** Up to `limit` requests in any of `slices` with id > `afterId`, oldest first. */
  queuePage(slices: readonly ServiceRequestSlice[], limit: number, afterId?: string): Promise<ServiceRequest[]> {
    const q = this.inSlices(slices, 'serviceRequestQueuePage').orderBy('r.id', 'ASC').limit(limit);
    if (afterId) q.andWhere('r.id > :afterId', { afterId });
    return q.getMany();
  }

  queueCount(slices: readonly ServiceRequestSlice[]): Promise<number> {
    return countRows(this.inSlices(slices, 'serviceRequestQueueCount'));
  }

  private inSlices(slices: readonly ServiceRequestSlice[], name: string): SelectQueryBuilder<ServiceRequest> {
    const q = this.requests.createQueryBuilder('r').comment(name);
    if (slices.length === 0) return q.where('false');
    return q.where(
      new Brackets((any) => {
        slices.forEach((slice, i) => {
          any.orWhere(
            new Brackets((all) => {
              all.where(`r.status = :status${i}`, { [`status${i}`]: slice.status });
              if (slice.teamIds) all.andWhere(`r.team_id = ANY(:teamIds${i})`, { [`teamIds${i}`]: bigintIds(slice.teamIds) });
              if (slice.acceptedBy) all.andWhere(`r.accepted_by = :acceptedBy${i}`, { [`acceptedBy${i}`]: slice.acceptedBy });
              if (slice.requesterSub) all.andWhere(`r.requester_sub = :requesterSub${i}`, { [`requesterSub${i}`]: slice.requesterSub });
            }),
          );
        });
      }),
    );
  }

  /** Inserts a request as ORDERED; the database assigns id and order time. */
  async insert(request: NewServiceRequest): Promise<ServiceRequest> {
    const { identifiers } = await this.requests
      .createQueryBuilder()
      .comment('insertServiceRequest')
      .insert()
      .values({ ...request, status: 'ORDERED' as ServiceRequestStatus })
      .execute();
    const [created] = await this.byIds([String(identifiers[0].id)]);
    return created;
  }

  /**
   * Moves request `id` from `from` to `to`, setting `changes`, only if it is still in `from` (and
   * meets `guard`): the compare-and-set that makes concurrent steps safe. False when it was not.
   */
  async transition(id: string, from: ServiceRequestStatus, to: ServiceRequestStatus, changes: ServiceRequestChanges = {}, guard: ServiceRequestGuard = {}): Promise<boolean> {
    const q = this.requests
      .createQueryBuilder()
      .comment('transitionServiceRequest')
      .update()
      .set({ ...changes, status: to })
      .where('id = :id AND status = :from', { id, from });
    if (guard.teamId) q.andWhere('team_id = :guardTeamId', { guardTeamId: guard.teamId });
    if (guard.acceptedBy) q.andWhere('accepted_by = :guardAcceptedBy', { guardAcceptedBy: guard.acceptedBy });
    const result = await q.returning(['id']).execute();
    return (result.raw as unknown[]).length === 1;
  }

  async addEvent(event: NewServiceRequestEvent): Promise<void> {
    await this.events.createQueryBuilder().comment('insertServiceRequestEvent').insert().values(event).execute();
  }

  /** The history of these requests, each oldest first. */
  eventsOf(requestIds: readonly string[]): Promise<ServiceRequestEvent[]> {
    return this.events
      .createQueryBuilder('e')
      .comment('serviceRequestEvents')
      .where('e.request_id = ANY(:requestIds)', { requestIds: bigintIds(requestIds) })
      .orderBy('e.request_id')
      .addOrderBy('e.id')
      .getMany();
  }
}
