import { maskMiddle } from '@vg/crypto';
import { decodeCursor, idArgument, optionalText, pageSize, toConnection, type Connection } from '@vg/graphql';
import type { EntityRef } from '@vg/graphql';
import { regionPrefix, ziboRegionCode } from '@vg/standards';
import type { PartnershipsContext } from '../context';
import type { Enterprise } from '../data/enterprise.entity';
import type { OrganizationQuery } from '../data/organization.repository';
import type { SocialOrganization } from '../data/social-organization.entity';
import type { OrganizationFilter, SocialOrganizationFilter } from '../generated/graphql';
import { actingEnterpriseId, actingSocialOrganizationId, seesAllContacts } from './order-access';

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

function cursorId(after: string | null | undefined): string | undefined {
  return after == null ? undefined : idArgument('after', decodeCursor(after));
}

function organizationQuery(filter: SocialOrganizationFilter | OrganizationFilter | null | undefined): OrganizationQuery {
  const name = optionalText('filter.nameContains', filter?.nameContains, 100);
  return {
    regionPrefix: filter?.regionCode == null ? undefined : regionPrefix(ziboRegionCode('filter.regionCode', filter.regionCode)),
    nameContains: name ?? undefined,
    serviceType: (filter && 'serviceType' in filter ? filter.serviceType : undefined) ?? undefined,
  };
}

/** An enterprise by id (public; contact phone masked, see contactPhoneOf); null when there is none. */
export function enterpriseById(ctx: PartnershipsContext, id: string): Promise<Enterprise | null> {
  return ctx.loaders.enterprise.load(idArgument('id', id));
}

export function socialOrganizationById(ctx: PartnershipsContext, id: string): Promise<SocialOrganization | null> {
  return ctx.loaders.socialOrganization.load(idArgument('id', id));
}

/** Enterprises matching every filter, by id; public. */
export async function listEnterprises(ctx: PartnershipsContext, args: PageArgs & { filter?: OrganizationFilter | null }): Promise<Connection<Enterprise>> {
  const size = pageSize(args.first);
  const query = organizationQuery(args.filter);
  const rows = await ctx.repos.organizations.enterprisePage(query, size + 1, cursorId(args.after));
  return toConnection(
    rows,
    size,
    (o) => o.id,
    () => ctx.repos.organizations.enterpriseCount(query),
  );
}

/** Social organisations matching every filter (e.g. offering a service type), by id; public. */
export async function listSocialOrganizations(ctx: PartnershipsContext, args: PageArgs & { filter?: SocialOrganizationFilter | null }): Promise<Connection<SocialOrganization>> {
  const size = pageSize(args.first);
  const query = organizationQuery(args.filter);
  const rows = await ctx.repos.organizations.socialOrganizationPage(query, size + 1, cursorId(args.after));
  return toConnection(
    rows,
    size,
    (o) => o.id,
    () => ctx.repos.organizations.socialOrganizationCount(query),
  );
}

/**
 * The contact phone in full for the organisation itself, the centre and ADMIN; masked (138****5678)
 * for anyone else. Both come from the ciphertext loaded with the row (no mask is stored, so no
 * extra statement is issued); null when there is none.
 */
export function enterpriseContactPhone(ctx: PartnershipsContext, enterprise: Enterprise): string | null {
  if (!enterprise.contactPhoneEncrypted) return null;
  const phone = ctx.cipher.decrypt(enterprise.contactPhoneEncrypted);
  if (actingEnterpriseId(ctx.viewer) !== enterprise.id && !seesAllContacts(ctx.viewer)) return maskedPhone(phone);
  return ctx.audit.revealed({ subjectType: 'ENTERPRISE', subjectId: enterprise.id, field: 'PHONE' }, phone);
}

export function socialOrganizationContactPhone(ctx: PartnershipsContext, organization: SocialOrganization): string | null {
  if (!organization.contactPhoneEncrypted) return null;
  const phone = ctx.cipher.decrypt(organization.contactPhoneEncrypted);
  if (actingSocialOrganizationId(ctx.viewer) !== organization.id && !seesAllContacts(ctx.viewer)) return maskedPhone(phone);
  return ctx.audit.revealed({ subjectType: 'SOCIAL_ORGANIZATION', subjectId: organization.id, field: 'PHONE' }, phone);
}

/** 138****5678: the first 3 and last 4 digits. */
function maskedPhone(phone: string): string {
  return maskMiddle(phone, 3, 4);
}

/** A social organisation's volunteers, as references the volunteers subgraph resolves. */
export async function volunteersOfOrganization(ctx: PartnershipsContext, organizationId: string): Promise<EntityRef[]> {
  return (await ctx.loaders.organizationVolunteerIds.load(organizationId)).map((id) => ({ id }));
}
