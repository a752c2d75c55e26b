import { badUserInput, forbidden, hasRole, idArgument, isUniqueViolation, mobilePhone, notFound, requireSignedIn, requiredText } from '@vg/graphql';
import type { Volunteer } from '../data/volunteer.entity';
import type { VolunteerChanges } from '../data/volunteer.repository';
import type { VolunteersContext } from '../context';
import type { RegisterVolunteerInput, UpdateVolunteerInput } from '../generated/graphql';
import { REGISTRAR_ROLES } from './access';
import { conflict, maskIdNumber, parseIdNumber } from '@vg/standards';
import { maskPhone } from './pii';
import { existingRegion, skillList } from './validate';

/**
 * Registers a volunteer. Staff register anyone; any other signed-in account registers itself
 * (linked by its subject, once). All input is checked before anything is written; a second
 * registration of the same ID number is CONFLICT, also when two race (the unique index decides).
 */
export async function registerVolunteer(ctx: VolunteersContext, input: RegisterVolunteerInput): Promise<Volunteer> {
  const { viewer, pii } = ctx;
  requireSignedIn(viewer, 'register a volunteer');
  const isRegistrar = hasRole(viewer, ...REGISTRAR_ROLES);
  if (!isRegistrar && viewer.volunteerId) throw conflict('This account is already a registered volunteer', 'ALREADY_REGISTERED');

  const name = requiredText('input.name', input.name, 50);
  const parsed = parseIdNumber(input.idNumber);
  if (typeof parsed === 'string') throw badUserInput('input.idNumber', parsed);
  const phone = input.phone ? mobilePhone('input.phone', input.phone) : null;
  const skills = skillList('input.skills', input.skills);

  return ctx.transaction(async (repos) => {
    const region = await existingRegion(ctx.regions, 'input.regionCode', input.regionCode);
    const idNumber = pii.protectIdNumber(parsed.value);
    const phoneProtected = phone ? pii.protectPhone(phone) : null;
    try {
      return await repos.volunteers.insert({
        name,
        gender: parsed.gender,
        birthDate: parsed.birthDate,
        regionCode: region.code,
        skills,
        idNumberEncrypted: idNumber.encrypted,
        idNumberHash: idNumber.hash,
        idNumberMasked: maskIdNumber(parsed.value),
        phoneEncrypted: phoneProtected?.encrypted ?? null,
        phoneHash: phoneProtected?.hash ?? null,
        phoneMasked: phone ? maskPhone(phone) : null,
        accountSub: isRegistrar ? null : viewer.sub,
      });
    } catch (error) {
      if (isUniqueViolation(error, 'volunteers_id_number_hash_key')) throw conflict('A volunteer with this ID number is already registered', 'DUPLICATE_ID_NUMBER');
      if (isUniqueViolation(error, 'volunteers_account_sub_key')) throw conflict('This account is already a registered volunteer', 'ALREADY_REGISTERED');
      throw error;
    }
  });
}

/** Changes a volunteer: the volunteer themself or ADMIN; only ADMIN changes the status. */
export async function updateVolunteer(ctx: VolunteersContext, id: string, input: UpdateVolunteerInput): Promise<Volunteer> {
  const { viewer, pii } = ctx;
  idArgument('id', id);
  requireSignedIn(viewer, 'update a volunteer');
  const isAdmin = hasRole(viewer, 'ADMIN');
  if (!isAdmin && viewer.volunteerId !== id) throw forbidden('Only the volunteer themself or ADMIN may update a volunteer');
  if (input.status != null && !isAdmin) throw forbidden('Only ADMIN may change a volunteer\'s status');

  const changes: VolunteerChanges = {};
  if (input.name != null) changes.name = requiredText('input.name', input.name, 50);
  if (input.skills != null) changes.skills = skillList('input.skills', input.skills);
  if (input.status != null) changes.status = input.status;
  if (input.phone != null) {
    const phone = input.phone.trim() ? mobilePhone('input.phone', input.phone) : null;
    const stored = phone ? pii.protectPhone(phone) : null;
    changes.phoneEncrypted = stored?.encrypted ?? null;
    changes.phoneHash = stored?.hash ?? null;
    changes.phoneMasked = phone ? maskPhone(phone) : null;
  }

  return ctx.transaction(async (repos) => {
    const [existing] = await repos.volunteers.byIds([id]);
    if (!existing) throw notFound('Volunteer', id);
    if (input.regionCode != null) changes.regionCode = (await existingRegion(ctx.regions, 'input.regionCode', input.regionCode)).code;
    await repos.volunteers.update(id, changes);
    const [updated] = await repos.volunteers.byIds([id]);
    return updated;
  });
}
