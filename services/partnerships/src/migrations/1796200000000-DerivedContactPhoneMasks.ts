import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The masked contact phones of enterprises and social organisations (7 of 11 digits) were stored
 * beside their ciphertext. They are now derived from the decrypted phone when read (the
 * ciphertext is loaded with the row), like the volunteers' masks, so the columns go; nothing needs
 * converting. See docs/personal-data.md.
 */
export class DerivedContactPhoneMasks1796200000000 implements MigrationInterface {
  name = 'DerivedContactPhoneMasks1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE enterprises DROP COLUMN contact_phone_masked');
    await q.query('ALTER TABLE social_organizations DROP COLUMN contact_phone_masked');
  }

  async down(_q: QueryRunner): Promise<void> {
    // Forward only: refilling the columns needs the PII key, and nothing may store a mask again.
    throw new Error('DerivedContactPhoneMasks1796200000000 cannot be reverted: masked phones are derived when read');
  }
}
