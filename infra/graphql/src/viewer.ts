import { forbidden } from './errors';

/**
 * Who is asking, as the gateway verified it. The roles and identity claims a viewer may carry are
 * the domain's (see @vg/standards); this package only carries them: a token's claims become the
 * viewer's fields (`volunteer_id` → `volunteerId`) by the `IdentityModel` it is given.
 */
export interface BaseViewer {
  /** Token subject (an account id); null when anonymous. */
  sub: string | null;
  roles: readonly string[];
  scopes: readonly string[];
}

/** How tokens and viewer headers map to viewers: the roles allowed and the identity claims. */
export interface IdentityModel<V extends BaseViewer = BaseViewer> {
  /** Roles a token may carry. */
  roles: readonly string[];
  /** Roles only a signed viewer header may carry (services calling each other), never a token. */
  internalRoles: readonly string[];
  /** Viewer field → token claim, e.g. `{ volunteerId: 'volunteer_id' }`; each is a string id or null. */
  claims: Readonly<Record<string, string>>;
  anonymous: V;
}

type RoleOf<V extends BaseViewer> = V['roles'][number];

export function hasRole<V extends BaseViewer>(viewer: V, ...roles: RoleOf<V>[]): boolean {
  return viewer.roles.some((role) => roles.includes(role));
}

/** Throws FORBIDDEN unless the viewer is signed in. */
export function requireSignedIn(viewer: BaseViewer, action: string): void {
  if (!viewer.sub) throw forbidden(`Sign in to ${action}`);
}

/** Throws FORBIDDEN unless the viewer has one of `roles`. */
export function requireRole<V extends BaseViewer>(viewer: V, action: string, ...roles: RoleOf<V>[]): void {
  requireSignedIn(viewer, action);
  if (!hasRole(viewer, ...roles)) throw forbidden(`Only ${roles.join(', ')} may ${action}`);
}

/** The viewer's claims as read from `source[claimName]` (tokens) or `source[field]` (headers). */
export function claimsOf(model: IdentityModel, read: (field: string, claim: string) => unknown): Record<string, string | null> {
  const claims: Record<string, string | null> = {};
  for (const [field, claim] of Object.entries(model.claims)) {
    const value = read(field, claim);
    claims[field] = value == null || value === '' ? null : String(value);
  }
  return claims;
}
