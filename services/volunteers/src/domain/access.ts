import { hasRole } from '@vg/graphql';
import type { Viewer } from '@vg/standards';

/** May `viewer` see this volunteer's personal data unmasked? The volunteer themself, INSURER, ADMIN. */
export function seesPersonalData(viewer: Viewer, volunteerId: string): boolean {
  return viewer.volunteerId === volunteerId || hasRole(viewer, 'INSURER', 'ADMIN');
}

/** Roles that register volunteers on someone else's behalf. */
export const REGISTRAR_ROLES = ['ADMIN', 'TEAM_LEADER', 'STATION_STAFF'] as const;
