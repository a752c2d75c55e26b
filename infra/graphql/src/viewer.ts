import { forbidden } from './errors';

/** Every role a token may carry. */
export const ROLES = [
  'VOLUNTEER',
  'TEAM_LEADER',
  'STATION_STAFF',
  'CENTRE_DISPATCHER',
  'GOVERNMENT_FUNDER',
  'ENTERPRISE',
  'SOCIAL_ORGANIZATION',
  'INSURER',
  'DATA_STAFF',
  'ADMIN',
] as const;

/**
 * The role of services calling each other directly (never through the gateway, never in a token):
 * it only ever arrives in a viewer header signed with the internal secret.
 */
export const SERVICE_ROLE = 'SERVICE';

export type Role = (typeof ROLES)[number] | typeof SERVICE_ROLE;

/** Who is asking: built by the gateway from a verified token, passed to subgraphs in a signed header. */
export interface Viewer {
  /** Token subject (an account id); null when anonymous. */
  sub: string | null;
  roles: Role[];
  scopes: string[];
  /** The volunteer this account is, if any. */
  volunteerId: string | null;
}

export const anonymousViewer: Viewer = Object.freeze({ sub: null, roles: [], scopes: [], volunteerId: null }) as Viewer;

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return viewer.roles.some((role) => roles.includes(role));
}

/** Throws FORBIDDEN unless the viewer is signed in. */
export function requireSignedIn(viewer: Viewer, action: string): void {
  if (!viewer.sub) throw forbidden(`Sign in to ${action}`);
}

/** Throws FORBIDDEN unless the viewer has one of `roles`. */
export function requireRole(viewer: Viewer, action: string, ...roles: Role[]): void {
  requireSignedIn(viewer, action);
  if (!hasRole(viewer, ...roles)) throw forbidden(`Only ${roles.join(', ')} may ${action}`);
}
