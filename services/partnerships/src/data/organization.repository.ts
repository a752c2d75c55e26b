import { bigintIds, countRows, likeContaining, likePrefix, sql } from '@vg/db';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Enterprise } from './enterprise.entity';
import { OrganizationVolunteer } from './organization-volunteer.entity';
import { SocialOrganization, type PartnershipServiceType } from './social-organization.entity';

export interface OrganizationQuery {
  /** Region code prefix: the region and everything below it. Digits only. */
  regionPrefix?: string;
  nameContains?: string;
  /** Social organisations only: those offering this type. */
  serviceType?: PartnershipServiceType;
}

export type NewEnterprise = Pick<Enterprise, 'name' | 'creditCode' | 'regionCode' | 'address' | 'contactName' | 'contactPhoneEncrypted'>;
export type NewSocialOrganization = NewEnterprise & Pick<SocialOrganization, 'serviceTypes'>;
export type OrganizationKind = 'enterprise' | 'socialOrganization';

/** The unique constraints on credit codes (a duplicate is CONFLICT DUPLICATE_CREDIT_CODE). */
export const CREDIT_CODE_CONSTRAINTS: Record<OrganizationKind, string> = {
  enterprise: 'enterprises_credit_code_key',
  socialOrganization: 'social_organizations_credit_code_key',
};

/** Enterprises and social organisations (with their volunteers). */
export class OrganizationRepository {
  constructor(private readonly manager: EntityManager) {}

  private get enterprises() {
    return this.manager.getRepository(Enterprise);
  }

  private get socialOrganizations() {
    return this.manager.getRepository(SocialOrganization);
  }

  private get members() {
    return this.manager.getRepository(OrganizationVolunteer);
  }

  enterprisesByIds(ids: readonly string[]): Promise<Enterprise[]> {
    return this.enterprises
      .createQueryBuilder('o')
      .comment('enterprisesByIds')
      .where('o.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  socialOrganizationsByIds(ids: readonly string[]): Promise<SocialOrganization[]> {
    return this.socialOrganizations
      .createQueryBuilder('o')
      .comment('socialOrganizationsByIds')
      .where('o.id = ANY(:ids)', { ids: bigintIds(ids) })
      .getMany();
  }

  /** Up to `limit` enterprises matching `query` with id > `afterId`, by id. */
  enterprisePage(query: OrganizationQuery, limit: number, afterId?: string): Promise<Enterprise[]> {
    const q = this.filtered(this.enterprises.createQueryBuilder('o'), query, 'pageEnterprises').orderBy('o.id', 'ASC').limit(limit);
    if (afterId) q.andWhere('o.id > :afterId', { afterId });
    return q.getMany();
  }

  enterpriseCount(query: OrganizationQuery): Promise<number> {
    return countRows(this.filtered(this.enterprises.createQueryBuilder('o'), query, 'countEnterprises'));
  }

  /** Up to `limit` social organisations matching `query` with id > `afterId`, by id. */
  socialOrganizationPage(query: OrganizationQuery, limit: number, afterId?: string): Promise<SocialOrganization[]> {
    const q = this.filtered(this.socialOrganizations.createQueryBuilder('o'), query, 'pageSocialOrganizations').orderBy('o.id', 'ASC').limit(limit);
    if (afterId) q.andWhere('o.id > :afterId', { afterId });
    return q.getMany();
  }

  socialOrganizationCount(query: OrganizationQuery): Promise<number> {
    return countRows(this.filtered(this.socialOrganizations.createQueryBuilder('o'), query, 'countSocialOrganizations'));
  }

  private filtered<T extends ObjectLiteral>(q: SelectQueryBuilder<T>, query: OrganizationQuery, name: string): SelectQueryBuilder<T> {
    q.comment(name);
    if (query.regionPrefix) q.andWhere('o.region_code LIKE :prefix', { prefix: likePrefix(query.regionPrefix) });
    if (query.nameContains) q.andWhere('o.name LIKE :name', { name: likeContaining(query.nameContains) });
    if (query.serviceType) q.andWhere(':serviceType = ANY(o.service_types)', { serviceType: query.serviceType });
    return q;
  }

  async insertEnterprise(enterprise: NewEnterprise): Promise<Enterprise> {
    const { identifiers } = await this.enterprises.createQueryBuilder().comment('insertEnterprise').insert().values(enterprise).execute();
    const [created] = await this.enterprisesByIds([String(identifiers[0].id)]);
    return created;
  }

  async insertSocialOrganization(organization: NewSocialOrganization): Promise<SocialOrganization> {
    const { identifiers } = await this.socialOrganizations.createQueryBuilder().comment('insertSocialOrganization').insert().values(organization).execute();
    const [created] = await this.socialOrganizationsByIds([String(identifiers[0].id)]);
    return created;
  }

  /** The volunteer ids of these organisations, each in the order they were added. */
  volunteersOf(organizationIds: readonly string[]): Promise<OrganizationVolunteer[]> {
    return this.members
      .createQueryBuilder('m')
      .comment('organizationVolunteers')
      .where('m.organization_id = ANY(:ids)', { ids: bigintIds(organizationIds) })
      .orderBy('m.organization_id')
      .addOrderBy('m.added_at')
      .addOrderBy('m.volunteer_id')
      .getMany();
  }

  /** Which of `volunteerIds` serve with organisation `organizationId`. */
  async membersAmong(organizationId: string, volunteerIds: readonly string[]): Promise<string[]> {
    const rows: { volunteer_id: string }[] = await this.manager.query(
      sql('organizationMembersAmong', 'SELECT volunteer_id FROM organization_volunteers WHERE organization_id = $1 AND volunteer_id = ANY($2::bigint[])'),
      [organizationId, bigintIds(volunteerIds)],
    );
    return rows.map((r) => String(r.volunteer_id));
  }

  /** Adds the volunteer to the organisation; false when they already serve with it. */
  async addVolunteer(organizationId: string, volunteerId: string): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(
      sql('addOrganizationVolunteer', 'INSERT INTO organization_volunteers (organization_id, volunteer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING volunteer_id'),
      [organizationId, volunteerId],
    );
    return rows.length === 1;
  }
}
