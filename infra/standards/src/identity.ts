import type { IdentityModel } from '@vg/graphql';

/** Every role a token may carry. */
export const ROLES = ['VOLUNTEER', 'TEAM_LEADER', 'STATION_STAFF', 'CENTRE_DISPATCHER', 'GOVERNMENT_FUNDER', 'ENTERPRISE', 'SOCIAL_ORGANIZATION', 'INSURER', 'DATA_STAFF', 'ADMIN'] as const;

/**
 * The role of services calling each other directly (never through the gateway, never in a token):
 * it only ever arrives in a viewer header signed with the internal secret.
 */
export const SERVICE_ROLE = 'SERVICE';

export type TokenRole = (typeof ROLES)[number];
export type Role = TokenRole | typeof SERVICE_ROLE;

/**
 * The identity claims a viewer may carry: which volunteer (and, as subgraphs arrive, which
 * organisation) the account acts as. Each is a token claim (`volunteer_id`), carried to subgraphs
 * in the signed viewer header. A new claim is one entry here: the token and header code reads this
 * table. `link`: where the claim is looked up when a token lacks it — the owning subgraph's internal
 * query by account (token subject), asked by the gateway for viewers with one of `forRoles`.
 */
export const IDENTITY_CLAIMS = {
  volunteerId: {
    claim: 'volunteer_id',
    link: {
      subgraph: 'volunteers',
      forRoles: ['VOLUNTEER', 'TEAM_LEADER'] as readonly TokenRole[],
      query: 'query AccountVolunteer($sub: String!) { accountVolunteer(sub: $sub) { id } }',
      pick: (data: unknown): string | null => (data as { accountVolunteer: { id: string } | null }).accountVolunteer?.id ?? null,
    },
  },
  /** The redemption point (美德超市, 爱心驿站) a STATION_STAFF account works at: set by whoever issues its token. */
  redemptionPointId: { claim: 'redemption_point_id' },
  /** The enterprise an ENTERPRISE account acts for (益企联建): set by whoever issues its token. */
  enterpriseId: { claim: 'enterprise_id' },
  /** The social organisation a SOCIAL_ORGANIZATION account acts for: set by whoever issues its token. */
  socialOrganizationId: { claim: 'social_organization_id' },
} as const;

export type ClaimKey = keyof typeof IDENTITY_CLAIMS;

/** Who is asking: built by the gateway from a verified token, passed to subgraphs in a signed header. */
export type Viewer = {
  /** Token subject (an account id); null when anonymous. */
  sub: string | null;
  roles: Role[];
  scopes: string[];
} & {
  /** The volunteer (or organisation) this account acts as, if any. */
  [K in ClaimKey]: string | null;
};

export const anonymousViewer: Viewer = Object.freeze({
  sub: null,
  roles: [],
  scopes: [],
  ...(Object.fromEntries(Object.keys(IDENTITY_CLAIMS).map((k) => [k, null])) as Record<ClaimKey, null>),
}) as Viewer;

/** How tokens and viewer headers carry a Viewer (for @vg/graphql's token and header code). */
export const identity: IdentityModel<Viewer> = {
  roles: ROLES,
  internalRoles: [SERVICE_ROLE],
  claims: Object.fromEntries(Object.entries(IDENTITY_CLAIMS).map(([field, { claim }]) => [field, claim])),
  anonymous: anonymousViewer,
};

/** The viewer services call each other as. */
export function serviceViewer(caller: string): Viewer {
  return { ...anonymousViewer, sub: `service:${caller}`, roles: [SERVICE_ROLE] };
}
