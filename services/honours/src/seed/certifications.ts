import type { DataSource } from 'typeorm';
import { sql } from '@vg/db';
import { Random } from '@vg/random';
import type { ServiceDeps } from '@vg/service';
import { CITY_REGION_CODE } from '@vg/standards';
import type { AwardeeKind, CommendationLevel } from '../data/commendation.entity';
import { createEntitiesDirectory } from '../data/entities.client';
import { issuerLevelFor, PROVINCE_REGION_CODE } from '../domain/issuers';
import { STAR_THRESHOLDS, starLevelFor } from '../domain/stars';

const SEED_BY = 'seed';
const COMMENDATIONS = 150;

/** Real titles of Zibo's model selections, by who they honour. */
const TITLES: Record<AwardeeKind, { title: string; body: string; level: CommendationLevel }[]> = {
  VOLUNTEER: [
    { title: '四个100·最美志愿者', body: '淄博市志愿服务联合会', level: 'CITY' },
    { title: '五个十佳·十佳志愿者', body: '淄博市志愿服务联合会', level: 'CITY' },
    { title: '学雷锋示范岗', body: '淄博市精神文明建设委员会办公室', level: 'CITY' },
    { title: '山东省优秀志愿者', body: '山东省志愿服务联合会', level: 'PROVINCE' },
    { title: '优秀志愿者', body: '区县志愿服务联合会', level: 'COUNTY' },
  ],
  TEAM: [
    { title: '四个100·最佳志愿服务组织', body: '淄博市志愿服务联合会', level: 'CITY' },
    { title: '五个十佳·十佳志愿服务组织', body: '淄博市志愿服务联合会', level: 'CITY' },
    { title: '全国学雷锋活动示范点', body: '中央精神文明建设指导委员会', level: 'NATIONAL' },
  ],
  PROJECT: [
    { title: '四个100·最佳志愿服务项目', body: '淄博市志愿服务联合会', level: 'CITY' },
    { title: '五个十佳·优秀志愿服务项目', body: '淄博市志愿服务联合会', level: 'CITY' },
    { title: '山东省优秀志愿服务项目', body: '山东省志愿服务联合会', level: 'PROVINCE' },
  ],
  STATION: [
    { title: '学雷锋示范点', body: '淄博市精神文明建设委员会办公室', level: 'CITY' },
    { title: '四个100·最美志愿服务社区', body: '淄博市志愿服务联合会', level: 'CITY' },
    { title: '优秀志愿服务站', body: '区县志愿服务联合会', level: 'COUNTY' },
  ],
};

type Page = { edges: { node: { id: string; region?: { code: string }; regionCode?: string } }[] };

/** Some teams, stations and projects of the other subgraphs (their first 100 each), with regions. */
async function awardeePool(deps: ServiceDeps<unknown>): Promise<Record<Exclude<AwardeeKind, 'VOLUNTEER'>, { id: string; regionCode: string }[]>> {
  const [fromVolunteers, fromProjects] = await Promise.all([
    deps.clients.volunteers.request<{ teams: Page; stations: Page }>('{ teams(first: 100) { edges { node { id region { code } } } } stations(first: 100) { edges { node { id region { code } } } } }'),
    deps.clients.projects.request<{ projects: Page }>('{ projects(first: 100) { edges { node { id regionCode } } } }'),
  ]);
  const nodes = (page: Page) => page.edges.map(({ node }) => ({ id: node.id, regionCode: node.region?.code ?? node.regionCode ?? CITY_REGION_CODE }));
  return { TEAM: nodes(fromVolunteers.teams), STATION: nodes(fromVolunteers.stations), PROJECT: nodes(fromProjects.projects) };
}

/** A plausible date in the last two years (deterministic), YYYY-MM-DD. */
function pastDate(random: Random, today: Date): string {
  return new Date(today.getTime() - random.int(1, 700) * 86_400_000).toISOString().slice(0, 10);
}

async function seedStarCertificates(dataSource: DataSource, deps: ServiceDeps<unknown>, random: Random, today: Date): Promise<number> {
  const qualifying: { volunteer_id: string; hours: string; region_code: string | null }[] = await dataSource.query(
    sql('seedQualifyingVolunteers', 'SELECT volunteer_id, hours, region_code FROM volunteer_hours WHERE hours >= $1 AND region_code IS NOT NULL ORDER BY volunteer_id'),
    [STAR_THRESHOLDS[0]],
  );
  // About 60% are certified at the level their hours reach.
  const chosen = qualifying.filter(() => random.chance(0.6));
  if (chosen.length === 0) return 0;
  const directory = createEntitiesDirectory({ volunteers: deps.clients.volunteers, projects: deps.clients.projects });
  const facts = await directory.VOLUNTEER.loadMany(chosen.map((r) => String(r.volunteer_id)));
  const rows = chosen.flatMap((r, i) => {
    const fact = facts[i];
    if (!fact || fact instanceof Error || !fact.volunteerNo) return [];
    const level = starLevelFor(Number(r.hours));
    const issuerLevel = issuerLevelFor(level);
    const issuer = issuerLevel === 'COUNTY' ? r.region_code!.slice(0, 6) : issuerLevel === 'CITY' ? CITY_REGION_CODE : PROVINCE_REGION_CODE;
    return [{ id: String(r.volunteer_id), no: fact.volunteerNo, hours: Number(r.hours), level, issuerLevel, issuer, on: pastDate(random, today) }];
  });
  await dataSource.query(
    sql(
      'seedCertifications',
      `INSERT INTO star_certifications (certificate_no, volunteer_id, volunteer_no, level, issued_on, issuer_level, issuer_region_code, issued_by, hours_at_issue)
       SELECT format('ZBXJ%s-%s-%s-%s', v.level, v.issuer, extract(year FROM v.issued_on)::int, lpad(nextval('star_certificate_no_seq')::text, 6, '0')),
              v.volunteer_id, v.volunteer_no, v.level, v.issued_on, v.issuer_level, v.issuer, '${SEED_BY}', v.hours
         FROM unnest($1::bigint[], $2::varchar[], $3::numeric[], $4::int[], $5::varchar[], $6::varchar[], $7::date[])
              AS v(volunteer_id, volunteer_no, hours, level, issuer_level, issuer, issued_on)
        ORDER BY v.issued_on, v.volunteer_id`,
    ),
    [rows.map((r) => r.id), rows.map((r) => r.no), rows.map((r) => r.hours), rows.map((r) => r.level), rows.map((r) => r.issuerLevel), rows.map((r) => r.issuer), rows.map((r) => r.on)],
  );
  return rows.length;
}

async function seedCommendations(dataSource: DataSource, deps: ServiceDeps<unknown>, random: Random, today: Date): Promise<number> {
  const pool = await awardeePool(deps);
  // Volunteers honoured are those who served most (commendations follow the recorded hours).
  const volunteers: { volunteer_id: string; region_code: string }[] = await dataSource.query(
    sql('seedCommendedVolunteers', 'SELECT volunteer_id, region_code FROM volunteer_hours WHERE region_code IS NOT NULL ORDER BY hours DESC, volunteer_id LIMIT 80'),
  );
  const candidates: Record<AwardeeKind, { id: string; regionCode: string }[]> = {
    ...pool,
    VOLUNTEER: volunteers.map((v) => ({ id: String(v.volunteer_id), regionCode: v.region_code })),
  };
  const kinds = (Object.keys(candidates) as AwardeeKind[]).filter((k) => candidates[k].length > 0);
  if (kinds.length === 0) return 0;
  const thisYear = today.getUTCFullYear();
  const seen = new Set<string>();
  const rows: { title: string; year: number; level: CommendationLevel; body: string; kind: AwardeeKind; id: string; region: string }[] = [];
  for (let attempt = 0; rows.length < COMMENDATIONS && attempt < COMMENDATIONS * 5; attempt += 1) {
    const kind = random.weighted(kinds.map((k) => [k, k === 'VOLUNTEER' ? 4 : 2] as const));
    const awardee = random.pick(candidates[kind]);
    const { title, body, level } = random.pick(TITLES[kind]);
    const year = random.int(thisYear - 4, thisYear);
    const key = `${kind}:${awardee.id}:${title}:${year}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ title, year, level, body: body === '区县志愿服务联合会' ? `${awardee.regionCode.slice(0, 6)} 志愿服务联合会` : body, kind, id: awardee.id, region: awardee.regionCode });
  }
  await dataSource.query(
    sql(
      'seedCommendations',
      `INSERT INTO commendations (title, year, level, awarding_body, awardee_kind, awardee_id, region_code, citation, recorded_by)
       SELECT v.title, v.year, v.level, v.body, v.kind, v.awardee_id, v.region, v.title || '（' || v.year || '年度）', '${SEED_BY}'
         FROM unnest($1::varchar[], $2::int[], $3::varchar[], $4::varchar[], $5::varchar[], $6::bigint[], $7::varchar[]) AS v(title, year, level, body, kind, awardee_id, region)`,
    ),
    [rows.map((r) => r.title), rows.map((r) => r.year), rows.map((r) => r.level), rows.map((r) => r.body), rows.map((r) => r.kind), rows.map((r) => r.id), rows.map((r) => r.region)],
  );
  return rows.length;
}

/**
 * Demo certificates and commendations, consistent with the hours the feed credited: about 60% of
 * the volunteers whose hours reach a star are certified at that level by the right federation
 * (their county for 1–2, the city for 3–4, the province for 5), and ~150 commendations go to the
 * volunteers who served most and to teams, stations and projects of the other subgraphs.
 * Deterministic; leaves a database that already has certificates or commendations alone.
 */
export async function seedCertifications(deps: ServiceDeps<unknown>, today = new Date()): Promise<{ certifications: number; commendations: number }> {
  const { dataSource } = deps;
  const [existing]: { certifications: number; commendations: number }[] = await dataSource.query(
    sql('seedHonoursPresent', 'SELECT (SELECT count(*)::int FROM star_certifications) AS certifications, (SELECT count(*)::int FROM commendations) AS commendations'),
  );
  const random = new Random(20260308);
  const certifications = existing.certifications > 0 ? 0 : await seedStarCertificates(dataSource, deps, random, today);
  const commendations = existing.commendations > 0 ? 0 : await seedCommendations(dataSource, deps, random, today);
  return { certifications, commendations };
}
