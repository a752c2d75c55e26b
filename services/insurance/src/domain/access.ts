import { forbidden, hasRole, requireRole } from '@vg/graphql';
import type { Viewer } from '@vg/standards';

/** Roles that work with enrolments in general (lists, rosters, cancellation). */
export const INSURANCE_STAFF = ['INSURER', 'ADMIN'] as const;

/** A volunteer's cover is theirs to see, and the insurer's and admins'. */
export function seesInsuranceOf(viewer: Viewer, volunteerId: string): boolean {
  return viewer.volunteerId === volunteerId || hasRole(viewer, ...INSURANCE_STAFF);
}

export function requireInsuranceVisible(viewer: Viewer, volunteerId: string): void {
  if (!seesInsuranceOf(viewer, volunteerId)) throw forbidden("Only the volunteer themself, INSURER and ADMIN may see a volunteer's insurance");
}

/** FORBIDDEN unless the viewer is INSURER or ADMIN: checked before any argument, so refusals reveal no rules. */
export function requireInsuranceStaff(viewer: Viewer, action: string): void {
  requireRole(viewer, action, ...INSURANCE_STAFF);
}

/**
 * A first check for reading one enrolment, before its id is even parsed: a viewer who is neither
 * staff nor signed in as a volunteer can see no enrolment at all, so they learn nothing (not the
 * id format, not whether the enrolment exists). Whose enrolment it is is checked once it is loaded.
 */
export function requireMaySeeSomeEnrolment(viewer: Viewer): void {
  if (viewer.volunteerId == null && !hasRole(viewer, ...INSURANCE_STAFF)) throw forbidden('Only the insured volunteer themself, INSURER and ADMIN may see enrolments');
}

/**
 * Who may see an activity's participants (as in the projects subgraph) and so who lacks cover.
 * A first, cheap check by role; which team leaders may see an activity's participants is decided
 * by the projects subgraph, which refuses them `participantIds` (this field @requires it).
 */
export function requireParticipantsVisible(viewer: Viewer): void {
  if (!hasRole(viewer, 'ADMIN', 'STATION_STAFF', 'TEAM_LEADER', 'DATA_STAFF', 'INSURER', 'SERVICE')) throw forbidden("Only staff may see an activity's participants");
}
