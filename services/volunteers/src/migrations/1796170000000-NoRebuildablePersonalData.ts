import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The masked ID number (first 6 and last 4 digits) and the birth date, both stored in the clear,
 * left 3 unknown digits of 18 and the check digit confirmed them: a dump rebuilt every ID number.
 * Masked forms and the birth date are now derived from the decrypted ID number and phone when a
 * request needs them, so the columns go; nothing needs converting (the ciphertext holds it all).
 * What is left in the clear, and why no combination restores a number: docs/personal-data.md.
 */
export class NoRebuildablePersonalData1796170000000 implements MigrationInterface {
  name = 'NoRebuildablePersonalData1796170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE volunteers
        DROP COLUMN id_number_masked,
        DROP COLUMN phone_masked,
        DROP COLUMN birth_date;
    `);
  }

  async down(_q: QueryRunner): Promise<void> {
    // Forward only: refilling the columns needs the PII key, and would restore the weakness.
    throw new Error('NoRebuildablePersonalData1796170000000 cannot be reverted: the dropped columns made ID numbers rebuildable');
  }
}
