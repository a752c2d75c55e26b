import { CITY_PLAN_CODE } from '@vg/insurance';
import { makeIdNumber } from '@vg/standards';
import { dataOf } from './builders';
import {
  EnrolmentBatchWithResultsDocument,
  RegisterInsurableVolunteerDocument,
  VolunteerIdNumbersPageDocument,
  type EnrolmentItemInput,
  type VolunteerIdNumbersPageQuery,
} from './generated/insurance';
import type { Stack, TokenFor } from './testkit';

/** The insurer's system, as its token says. */
export const INSURER: TokenFor = { roles: ['INSURER'], sub: 'chinalife-zibo' };
export const ADMIN: TokenFor = { roles: ['ADMIN'], sub: 'admin-1' };
export const CITY_PLAN = CITY_PLAN_CODE;

/** A volunteer registered by a test, so their ID number is known in plain. */
export interface Person {
  id: string;
  volunteerNo: string;
  name: string;
  idNumber: string;
}

/** One item of the insurer's batch. */
export type Item = EnrolmentItemInput;

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗'];
const GIVEN = [...'晓梅建国秀英志强丽娟海燕文博子涵雨欣浩然佳怡俊杰思远'];

export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A volunteer as the tests sign in as them. */
export const asVolunteer = (p: { id: string }): TokenFor => ({ roles: ['VOLUNTEER'], sub: `v-${p.id}`, volunteerId: p.id });

/**
 * Registers `count` volunteers through the gateway (as ADMIN) with known ID numbers: born from
 * 2009 on (`first` days after 2009-01-01 onwards), so they never clash with the seed's (nor with
 * the builders' volunteers, born in 2008: the tests tell the seed's apart by birth year).
 */
export async function registerPeople(stack: Stack, first: number, count: number): Promise<Person[]> {
  const people: Person[] = [];
  for (let start = 0; start < count; start += 25) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(25, count - start) }, async (_, j): Promise<Person> => {
        const n = first + start + j;
        const idNumber = makeIdNumber(['370302', '370303', '370305'][n % 3], addDays('2009-01-01', n), 100 + (n % 800));
        const name = SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length] + GIVEN[(n * 3 + 1) % GIVEN.length];
        const { registerVolunteer } = dataOf(await stack.query(RegisterInsurableVolunteerDocument, { input: { name, idNumber, regionCode: '370303' } }, ADMIN), `registering ${name}`);
        return { ...registerVolunteer, idNumber };
      }),
    );
    people.push(...chunk);
  }
  return people;
}

/**
 * Every ACTIVE volunteer with their ID number, read through the gateway as ADMIN (who sees it in
 * full, as the insurer does): how the tests learn the seeded volunteers' numbers.
 */
export async function revealActiveVolunteers(stack: Stack): Promise<Person[]> {
  const found: Person[] = [];
  for (let after: string | null = null; ;) {
    const { volunteers }: VolunteerIdNumbersPageQuery = dataOf(await stack.query(VolunteerIdNumbersPageDocument, { after }, ADMIN), 'listing volunteers');
    for (const { node } of volunteers.edges) if (node.status === 'ACTIVE') found.push({ id: node.id, volunteerNo: node.volunteerNo, name: node.name, idNumber: node.idNumber });
    if (!volunteers.pageInfo.hasNextPage) return found;
    after = volunteers.pageInfo.endCursor;
  }
}

/** An item that enrols `p` correctly. */
export function itemFor(p: Person, policyNumber: string, coverStart = '2025-01-01', coverEnd = '2025-12-31'): Item {
  return { volunteerNo: p.volunteerNo, idNumber: p.idNumber, name: p.name, coverStart, coverEnd, policyNumber };
}

/** Sends a batch through the gateway as the insurer (or `as`), asking for every result in full. */
export function enrol(stack: Stack, batchId: string, items: Item[], as: TokenFor = INSURER, planCode = CITY_PLAN) {
  return stack.query(EnrolmentBatchWithResultsDocument, { input: { batchId, planCode, items } }, as);
}
