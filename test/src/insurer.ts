import { CITY_PLAN_CODE } from '@vg/insurance';
import { makeIdNumber } from '@vg/standards';
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

export interface Item {
  volunteerNo: string;
  idNumber: string;
  name: string;
  coverStart: string;
  coverEnd: string;
  policyNumber: string;
}

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗'];
const GIVEN = [...'晓梅建国秀英志强丽娟海燕文博子涵雨欣浩然佳怡俊杰思远'];

export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Registers `count` volunteers through the gateway (as ADMIN) with known ID numbers: born from
 * 2009 on (`first` days after 2009-01-01 onwards), so they never clash with the seed's.
 */
export async function registerPeople(stack: Stack, first: number, count: number): Promise<Person[]> {
  const REGISTER = `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id volunteerNo name } }`;
  const people: Person[] = [];
  for (let start = 0; start < count; start += 25) {
    const chunk = await Promise.all(
      Array.from({ length: Math.min(25, count - start) }, async (_, j) => {
        const n = first + start + j;
        const idNumber = makeIdNumber(['370302', '370303', '370305'][n % 3], addDays('2009-01-01', n), 100 + (n % 800));
        const name = SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7) % GIVEN.length] + GIVEN[(n * 3 + 1) % GIVEN.length];
        const { data, errors } = await stack.query<any>(REGISTER, { input: { name, idNumber, regionCode: '370303' } }, ADMIN);
        if (errors) throw new Error(`registering ${name}: ${errors[0].message}`);
        return { ...data.registerVolunteer, idNumber } as Person;
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
  const PAGE = `query($after: String) { volunteers(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id volunteerNo name idNumber status } } } }`;
  const found: Person[] = [];
  for (let after: string | null = null; ; ) {
    const { data, errors }: { data?: any; errors?: { message: string }[] } = await stack.query<any>(PAGE, { after }, ADMIN);
    if (errors) throw new Error(errors[0].message);
    for (const { node } of data.volunteers.edges) if (node.status === 'ACTIVE') found.push({ id: node.id, volunteerNo: node.volunteerNo, name: node.name, idNumber: node.idNumber });
    if (!data.volunteers.pageInfo.hasNextPage) return found;
    after = data.volunteers.pageInfo.endCursor;
  }
}

/** An item that enrols `p` correctly. */
export function itemFor(p: Person, policyNumber: string, coverStart = '2025-01-01', coverEnd = '2025-12-31'): Item {
  return { volunteerNo: p.volunteerNo, idNumber: p.idNumber, name: p.name, coverStart, coverEnd, policyNumber };
}

export const ENROL = `mutation($input: EnrolVolunteersInput!) {
  enrolVolunteers(input: $input) {
    batchId processedAt itemCount enrolledCount alreadyEnrolledCount rejectedCount plan { code }
    results { index volunteerNo status reason message enrolment { id policyNumber coverStart coverEnd status batchId volunteer { id } } }
  }
}`;

/** Sends a batch through the gateway as the insurer (or `as`). */
export function enrol(stack: Stack, batchId: string, items: Item[], as: TokenFor = INSURER, planCode = CITY_PLAN) {
  return stack.query<any>(ENROL, { input: { batchId, planCode, items } }, as);
}
