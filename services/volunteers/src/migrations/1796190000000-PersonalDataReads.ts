import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createPersonalDataReadsTable } from '@vg/db';

/** The audit of unmasked personal-data reads (the table every subgraph holding personal data keeps, see @vg/db). */
export class PersonalDataReads1796190000000 implements MigrationInterface {
  name = 'PersonalDataReads1796190000000';

  async up(q: QueryRunner): Promise<void> {
    await createPersonalDataReadsTable(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE personal_data_reads');
  }
}
