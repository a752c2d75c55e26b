import DataLoader from 'dataloader';
import { batchByKey, batchGroupsByKey } from '@vg/graphql';
import type { Repositories } from './repositories';
import type { ServiceRecord } from './service-record.entity';
import type { ServiceRequestEvent } from './service-request-event.entity';
import type { ServiceRequest } from './service-request.entity';

/** Service requests by id, their histories, and their encrypted contact phones: one statement per batch. */
export interface ServiceRequestLoaders {
  serviceRequest: DataLoader<string, ServiceRequest | null>;
  /** Every step of each request, oldest first. */
  serviceRequestHistory: DataLoader<string, ServiceRequestEvent[]>;
  /** Encrypted; decrypt only for viewers entitled to the full number. */
  serviceRequestContactPhone: DataLoader<string, Buffer | null>;
  /** The service record each request left on completion (null before). */
  recordOfRequest: DataLoader<string, ServiceRecord | null>;
}

export function createServiceRequestLoaders(repos: Repositories): ServiceRequestLoaders {
  return {
    serviceRequest: new DataLoader(async (ids) => batchByKey(ids, await repos.requests.byIds(ids), (r) => r.id)),
    serviceRequestHistory: new DataLoader(async (ids) => batchGroupsByKey(ids, await repos.requests.eventsOf(ids), (e) => e.requestId)),
    serviceRequestContactPhone: new DataLoader(async (ids) => batchByKey(ids, await repos.requests.contactPhones(ids), (r) => r.id).map((r) => r?.phone ?? null)),
    recordOfRequest: new DataLoader(async (ids) => batchByKey(ids, await repos.records.ofRequests(ids), (r) => r.serviceRequestId!)),
  };
}
