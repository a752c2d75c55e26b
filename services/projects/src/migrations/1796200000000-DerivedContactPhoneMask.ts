import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The masked contact phone of a service request (7 of 11 digits) was stored beside its
 * ciphertext. It is now derived from the decrypted phone when read (the ciphertext is loaded with
 * the row), like the volunteers' masks, so the column goes; nothing needs converting.
 * See docs/personal-data.md.
 */
export class DerivedContactPhoneMask1796200000000 implements MigrationInterface {
  name = 'DerivedContactPhoneMask1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE service_requests DROP COLUMN contact_phone_masked');
  }

  async down(_q: QueryRunner): Promise<void> {
    // Forward only: refilling the column needs the PII key, and nothing may store a mask again.
    throw new Error('DerivedContactPhoneMask1796200000000 cannot be reverted: masked phones are derived when read');
  }
}
