import { hasRole } from '@vg/graphql';
import type { Viewer } from '@vg/standards';
import type { Volunteer } from '../data/volunteer.entity';

/**
 * Is the viewer this volunteer? Either the token says so (`volunteerId`, filled in by the gateway
 * from the account link when the token has none), or the account registered itself as this
 * volunteer (`accountSub`). The second matters within the very request that registers: the token
 * cannot carry an id that did not exist when it was issued.
 */
export function isViewerVolunteer(viewer: Viewer, volunteer: Pick<Volunteer, 'id' | 'accountSub'>): boolean {
  if (viewer.volunteerId != null && viewer.volunteerId === volunteer.id) return true;
  return viewer.sub != null && volunteer.accountSub != null && volunteer.accountSub === viewer.sub;
}

/**
 * Roles that see every volunteer's personal data (the ID number) unmasked: the only ones that may
 * also be told that an ID number is registered (registerVolunteer's DUPLICATE_ID_NUMBER).
 */
export const PERSONAL_DATA_ROLES = ['INSURER', 'ADMIN'] as const;

/** May `viewer` see this volunteer's personal data unmasked? The volunteer themself, INSURER, ADMIN. */
export function seesPersonalData(viewer: Viewer, volunteer: Pick<Volunteer, 'id' | 'accountSub'>): boolean {
  return hasRole(viewer, ...PERSONAL_DATA_ROLES) || isViewerVolunteer(viewer, volunteer);
}

/** Roles that register volunteers on someone else's behalf. */
export const REGISTRAR_ROLES = ['ADMIN', 'TEAM_LEADER', 'STATION_STAFF'] as const;
