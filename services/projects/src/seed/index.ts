import type { DataSource } from 'typeorm';
import type { SubgraphClient } from '@vg/graphql';
import type { Logger } from '@vg/logger';
import type { ContactKeys } from '../domain/contact';

export type ProjectsSeedResult = { seeded: false } | { seeded: true; [table: string]: number | boolean };

/** Fills an empty projects database with demo data. */
export async function seedProjectsDatabase(_dataSource: DataSource, _volunteers: SubgraphClient, _options: { contactKeys: ContactKeys; logger: Logger }): Promise<ProjectsSeedResult> {
  return { seeded: false };
}
