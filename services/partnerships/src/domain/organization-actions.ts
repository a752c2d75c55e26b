import { badUserInput, forbidden, hasRole, idArgument, isUniqueViolation, mobilePhone, notFound, optionalText, requireRole, requiredText } from '@vg/graphql';
import { conflict, parseCreditCode, ziboRegionCode } from '@vg/standards';
import type { PartnershipsContext } from '../context';
import { CREDIT_CODE_CONSTRAINTS, type NewEnterprise, type OrganizationKind } from '../data/organization.repository';
import type { Enterprise } from '../data/enterprise.entity';
import type { SocialOrganization } from '../data/social-organization.entity';
import { volunteerFacts } from '../data/volunteers.client';
import type { RegisterOrganizationInput, RegisterSocialOrganizationInput } from '../generated/graphql';
import { actingSocialOrganizationId } from './order-access';

/** A unified social credit code (GB 32100), normalised; BAD_USER_INPUT naming `field` with the reason otherwise. */
export function creditCode(field: string, value: string): string {
  const parsed = parseCreditCode(value);
  if (typeof parsed === 'string') throw badUserInput(field, parsed);
  return parsed.value;
}

/** The checked columns common to both kinds of organisation (phone encrypted; its mask is derived when read). */
export function organizationColumns(ctx: Pick<PartnershipsContext, 'cipher'>, input: RegisterOrganizationInput): NewEnterprise {
  const phone = input.contactPhone?.trim() ? mobilePhone('input.contactPhone', input.contactPhone) : null;
  return {
    name: requiredText('input.name', input.name, 100),
    creditCode: creditCode('input.creditCode', input.creditCode),
    regionCode: ziboRegionCode('input.regionCode', input.regionCode),
    address: optionalText('input.address', input.address, 200),
    contactName: optionalText('input.contactName', input.contactName, 50),
    contactPhoneEncrypted: phone ? ctx.cipher.encrypt(phone) : null,
  };
}

/** Registers an enterprise (ADMIN, CENTRE_DISPATCHER); a credit code already registered is CONFLICT DUPLICATE_CREDIT_CODE. */
export async function registerEnterprise(ctx: PartnershipsContext, input: RegisterOrganizationInput): Promise<Enterprise> {
  requireRole(ctx.viewer, 'register enterprises', 'ADMIN', 'CENTRE_DISPATCHER');
  const columns = organizationColumns(ctx, input);
  return uniqueCreditCode('enterprise', columns.creditCode, () => ctx.transaction((repos) => repos.organizations.insertEnterprise(columns)));
}

/** Registers a social organisation with the service types it offers, at least one (ADMIN, CENTRE_DISPATCHER). */
export async function registerSocialOrganization(ctx: PartnershipsContext, input: RegisterSocialOrganizationInput): Promise<SocialOrganization> {
  requireRole(ctx.viewer, 'register social organisations', 'ADMIN', 'CENTRE_DISPATCHER');
  const columns = organizationColumns(ctx, input);
  const serviceTypes = [...new Set(input.serviceTypes)];
  if (serviceTypes.length === 0) throw badUserInput('input.serviceTypes', 'must name at least one service type');
  return uniqueCreditCode('socialOrganization', columns.creditCode, () => ctx.transaction((repos) => repos.organizations.insertSocialOrganization({ ...columns, serviceTypes })));
}

async function uniqueCreditCode<T>(kind: OrganizationKind, code: string, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    if (isUniqueViolation(error, CREDIT_CODE_CONSTRAINTS[kind])) {
      throw conflict(`An ${kind === 'enterprise' ? 'enterprise' : 'social organisation'} with credit code ${code} is already registered`, 'DUPLICATE_CREDIT_CODE');
    }
    throw error;
  }
}

/**
 * Adds a registered, ACTIVE volunteer (asked of the volunteers subgraph) to a social organisation:
 * the organisation itself (its token's `social_organization_id`) or ADMIN.
 */
export async function addOrganizationVolunteer(ctx: PartnershipsContext, socialOrganizationId: string, volunteerId: string): Promise<SocialOrganization> {
  const itself = actingSocialOrganizationId(ctx.viewer);
  if (!hasRole(ctx.viewer, 'ADMIN') && (itself === null || itself !== socialOrganizationId)) {
    throw forbidden(`Only social organisation ${socialOrganizationId} itself or ADMIN may add its volunteers`);
  }
  const organizationId = idArgument('socialOrganizationId', socialOrganizationId);
  const volunteer = idArgument('volunteerId', volunteerId);
  const organization = await ctx.loaders.socialOrganization.load(organizationId);
  if (!organization) throw notFound('SocialOrganization', organizationId);
  const [facts] = await volunteerFacts(ctx.clients.volunteers, [volunteer], ctx.requestId);
  if (!facts) throw badUserInput('volunteerId', `no volunteer has id ${volunteer}`);
  if (facts.status !== 'ACTIVE') throw conflict(`Volunteer ${volunteer} is ${facts.status}`, 'VOLUNTEER_NOT_ACTIVE');
  const added = await ctx.transaction((repos) => repos.organizations.addVolunteer(organizationId, volunteer));
  if (!added) throw conflict(`Volunteer ${volunteer} already serves with ${organization.name}`, 'ALREADY_ORGANIZATION_VOLUNTEER');
  ctx.loaders.organizationVolunteerIds.clear(organizationId);
  return organization;
}
