import type { EntityManager } from 'typeorm';
import { sql } from '@vg/db';
import type { CoverKind } from '../data/plan-cover-item.entity';

export interface PlanSpec {
  code: string;
  name: string;
  insurer: string;
  termMonths: number;
  /** Yuan per person-year. */
  premiumPerPersonYear: number;
  onSaleFrom: string;
  onSaleUntil: string | null;
  coverItems: { kind: CoverKind; name: string; amount: number; deductible?: number; reimbursementRate?: number; maxDays?: number }[];
}

/** The plan the city buys for its registered volunteers now. */
export const CITY_PLAN_CODE = 'ZBZYB-2024';

const INSURER = '中国人寿淄博分公司';

/**
 * 淄博志愿保: the city's group accident cover for registered volunteers, underwritten by China
 * Life's Zibo branch. The 2024 edition raised the sums insured and added sudden illness and
 * third-party liability; the 2021 edition covered service started until the end of 2023.
 */
export const PLAN_CATALOGUE: readonly PlanSpec[] = [
  {
    code: CITY_PLAN_CODE,
    name: '淄博志愿保（2024版）',
    insurer: INSURER,
    termMonths: 12,
    premiumPerPersonYear: 30,
    onSaleFrom: '2024-01-01',
    onSaleUntil: null,
    coverItems: [
      { kind: 'ACCIDENTAL_DEATH_DISABILITY', name: '意外身故、伤残', amount: 300_000 },
      { kind: 'SUDDEN_ILLNESS_DEATH', name: '突发疾病身故', amount: 100_000 },
      { kind: 'ACCIDENTAL_MEDICAL', name: '意外医疗', amount: 30_000, deductible: 100, reimbursementRate: 0.9 },
      { kind: 'HOSPITAL_ALLOWANCE', name: '意外住院津贴', amount: 100, maxDays: 180 },
      { kind: 'THIRD_PARTY_LIABILITY', name: '志愿服务第三者责任', amount: 100_000, deductible: 500 },
    ],
  },
  {
    code: 'ZBZYB-2021',
    name: '淄博志愿保（2021版）',
    insurer: INSURER,
    termMonths: 12,
    premiumPerPersonYear: 20,
    onSaleFrom: '2021-03-05',
    onSaleUntil: '2023-12-31',
    coverItems: [
      { kind: 'ACCIDENTAL_DEATH_DISABILITY', name: '意外身故、伤残', amount: 200_000 },
      { kind: 'ACCIDENTAL_MEDICAL', name: '意外医疗', amount: 20_000, deductible: 100, reimbursementRate: 0.8 },
      { kind: 'HOSPITAL_ALLOWANCE', name: '意外住院津贴', amount: 50, maxDays: 90 },
    ],
  },
];

/**
 * Writes the plans of `catalogue` that are missing (by code) with their cover items, in one
 * statement; plans already there are left as they are. Safe to run at every start and
 * concurrently (the unique code decides).
 */
export async function ensurePlanCatalogue(db: Pick<EntityManager, 'query'>, catalogue: readonly PlanSpec[] = PLAN_CATALOGUE): Promise<void> {
  const items = catalogue.flatMap((p) => p.coverItems.map((c, position) => ({ code: p.code, position, ...c })));
  await db.query(
    sql(
      'ensurePlanCatalogue',
      `WITH added AS (
        INSERT INTO insurance_plans (code, name, insurer, term_months, premium_per_person_year, on_sale_from, on_sale_until)
        SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::int[], $5::numeric[], $6::date[], $7::date[])
        ON CONFLICT (code) DO NOTHING
        RETURNING id, code
      )
      INSERT INTO plan_cover_items (plan_id, position, kind, name, amount, deductible, reimbursement_rate, max_days)
      SELECT added.id, i.position, i.kind, i.name, i.amount, i.deductible, i.rate, i.max_days
      FROM unnest($8::varchar[], $9::smallint[], $10::varchar[], $11::varchar[], $12::numeric[], $13::numeric[], $14::numeric[], $15::int[])
        AS i(code, position, kind, name, amount, deductible, rate, max_days)
      JOIN added ON added.code = i.code`,
    ),
    [
      catalogue.map((p) => p.code),
      catalogue.map((p) => p.name),
      catalogue.map((p) => p.insurer),
      catalogue.map((p) => p.termMonths),
      catalogue.map((p) => p.premiumPerPersonYear),
      catalogue.map((p) => p.onSaleFrom),
      catalogue.map((p) => p.onSaleUntil),
      items.map((i) => i.code),
      items.map((i) => i.position),
      items.map((i) => i.kind),
      items.map((i) => i.name),
      items.map((i) => i.amount),
      items.map((i) => i.deductible ?? null),
      items.map((i) => i.reimbursementRate ?? null),
      items.map((i) => i.maxDays ?? null),
    ],
  );
}
