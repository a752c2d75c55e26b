import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The city's standing points rule, so every record can be credited from the first change on:
 * 10 points an hour for records served from 2000-01-01, emergency rescue counting 1.5. Later rules
 * are added by setPointsRule, never by editing this one.
 */
export class DefaultPointsRule1796162253420 implements MigrationInterface {
  name = 'DefaultPointsRule1796162253420';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      WITH rule AS (
        INSERT INTO points_rules (effective_from, points_per_hour, created_by) VALUES ('2000-01-01', 10, 'migration') RETURNING id
      )
      INSERT INTO points_rule_coefficients (rule_id, theme, coefficient) SELECT id, 'EMERGENCY_RESCUE', 1.5 FROM rule
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM points_rule_coefficients WHERE rule_id IN (SELECT id FROM points_rules WHERE created_by = 'migration');
      DELETE FROM points_rules WHERE created_by = 'migration'`);
  }
}
