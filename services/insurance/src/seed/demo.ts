import { Random } from '@vg/random';
import { CITY_PLAN_CODE } from './catalogue';

/** A volunteer as the volunteers subgraph lists them. */
export interface VolunteerFact {
  id: string;
  volunteerNo: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'WITHDRAWN';
}

export interface DemoEnrolment {
  volunteerId: string;
  volunteerNo: string;
  planCode: string;
  policyNumber: string;
  coverStart: string;
  coverEnd: string;
  cancelled: boolean;
}

export const OLD_PLAN_CODE = 'ZBZYB-2021';

/** Shares of volunteers with cover, roughly as the city reports (most active volunteers are insured). */
const CURRENT_SHARE = 0.85;
const PREVIOUS_SHARE = 0.4;
const CANCELLED_SHARE = 0.02;

/**
 * Demo enrolments, the same for the same volunteers and year: most ACTIVE volunteers covered by
 * the city plan for this calendar year (a few of them cancelled), and many volunteers covered by
 * the 2021 plan in 2023 (expired now). The rest — and so some participants of every activity —
 * have no cover.
 */
export function generateDemoEnrolments(volunteers: readonly VolunteerFact[], today: string, seed = 2024): DemoEnrolment[] {
  const year = Number(today.slice(0, 4));
  const enrolments: DemoEnrolment[] = [];
  let current = 0;
  let previous = 0;
  for (const v of volunteers) {
    const random = Random.derive(seed, v.volunteerNo);
    const hasCurrent = v.status === 'ACTIVE' && random.chance(CURRENT_SHARE);
    const cancelled = random.chance(CANCELLED_SHARE);
    const hadPrevious = random.chance(PREVIOUS_SHARE);
    if (hadPrevious && year > 2023) {
      previous += 1;
      enrolments.push({
        volunteerId: v.id,
        volunteerNo: v.volunteerNo,
        planCode: OLD_PLAN_CODE,
        policyNumber: policyNumber(2023, previous),
        coverStart: '2023-01-01',
        coverEnd: '2023-12-31',
        cancelled: false,
      });
    }
    if (hasCurrent && year >= 2024) {
      current += 1;
      enrolments.push({
        volunteerId: v.id,
        volunteerNo: v.volunteerNo,
        planCode: CITY_PLAN_CODE,
        policyNumber: policyNumber(year, current),
        coverStart: `${year}-01-01`,
        coverEnd: `${year}-12-31`,
        cancelled,
      });
    }
  }
  return enrolments;
}

/** e.g. P2024370300000123: year, the city's code, a sequence (never shaped like an ID number). */
function policyNumber(year: number, sequence: number): string {
  return `P${year}3703${String(sequence).padStart(8, '0')}`;
}
