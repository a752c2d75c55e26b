import type { StarCertificateVerificationResolvers } from '../generated/graphql';

/** Public: only the fields of the type (never who issued it, hours or the revocation reason). */
export const StarCertificateVerification: StarCertificateVerificationResolvers = {
  status: (c) => (c.revokedAt ? 'REVOKED' : 'VALID'),
};
