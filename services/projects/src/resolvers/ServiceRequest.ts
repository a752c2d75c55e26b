import type { ServiceRequestEventResolvers, ServiceRequestResolvers } from '../generated/graphql';
import { seesFullPhone } from '../domain/service-request-access';
import { visibleRequest } from '../domain/service-request-queries';
import { visibleRecord } from '../domain/service-record-queries';

export const ServiceRequest: ServiceRequestResolvers = {
  __resolveReference: (ref, ctx) => visibleRequest(ctx, ref.id),
  team: (r) => (r.teamId ? { id: r.teamId } : null),
  acceptedBy: (r) => (r.acceptedBy ? { id: r.acceptedBy } : null),
  // Decrypted (one batch per request) only for viewers entitled to the full number.
  contactPhone: async (r, _, { viewer, loaders, contact, audit }) => {
    if (!r.contactPhoneMasked) return null;
    if (!seesFullPhone(viewer, r)) return r.contactPhoneMasked;
    const encrypted = await loaders.serviceRequestContactPhone.load(r.id);
    return encrypted ? audit.revealed({ subjectType: 'SERVICE_REQUEST', subjectId: r.id, field: 'PHONE' }, contact.revealPhone(encrypted)) : r.contactPhoneMasked;
  },
  history: (r, _, { loaders }) => loaders.serviceRequestHistory.load(r.id),
  trackingCode: (r) => r.trackingCode ?? null,
  serviceRecord: async (r, _, ctx) => visibleRecord(ctx, await ctx.loaders.recordOfRequest.load(r.id)),
};

// Every field is a column of the event, under the same name.
export const ServiceRequestEvent: ServiceRequestEventResolvers = {};
