import type { ServiceRequestEventResolvers, ServiceRequestResolvers } from '../generated/graphql';
import { seesFullPhone } from '../domain/service-request-access';
import { visibleRequest } from '../domain/service-request-queries';
import { visibleRecord } from '../domain/service-record-queries';

export const ServiceRequest: ServiceRequestResolvers = {
  __resolveReference: (ref, ctx) => visibleRequest(ctx, ref.id),
  team: (r) => (r.teamId ? { id: r.teamId } : null),
  acceptedBy: (r) => (r.acceptedBy ? { id: r.acceptedBy } : null),
  // Decrypted from the ciphertext loaded with the row (no masked form is stored, no extra
  // statement); in full only for viewers entitled to it, masked (138****5678) for anyone else.
  contactPhone: (r, _, { viewer, contact, audit }) => {
    if (!r.contactPhoneEncrypted) return null;
    const phone = contact.revealPhone(r.contactPhoneEncrypted);
    if (!seesFullPhone(viewer, r)) return contact.maskPhone(phone);
    return audit.revealed({ subjectType: 'SERVICE_REQUEST', subjectId: r.id, field: 'PHONE' }, phone);
  },
  history: (r, _, { loaders }) => loaders.serviceRequestHistory.load(r.id),
  trackingCode: (r) => r.trackingCode ?? null,
  serviceRecord: async (r, _, ctx) => visibleRecord(ctx, await ctx.loaders.recordOfRequest.load(r.id)),
};

// Every field is a column of the event, under the same name.
export const ServiceRequestEvent: ServiceRequestEventResolvers = {};
