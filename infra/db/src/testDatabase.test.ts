import { createTestDataSource, type TestDataSource } from './testDatabase';

describe('createTestDataSource', () => {
  let a: TestDataSource;
  let b: TestDataSource;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDataSource({ name: 'infra', entities: [], migrations: [] }), createTestDataSource({ name: 'infra', entities: [], migrations: [] })]);
  });
  afterAll(async () => Promise.all([a?.drop(), b?.drop()]));

  it('gives each caller its own database on a real PostgreSQL server', async () => {
    await a.dataSource.query('CREATE TABLE only_in_a (x int)');
    const [{ current_database: nameA }] = await a.dataSource.query('SELECT current_database()');
    const [{ current_database: nameB }] = await b.dataSource.query('SELECT current_database()');
    expect(nameA).not.toEqual(nameB);
    await expect(b.dataSource.query('SELECT * FROM only_in_a')).rejects.toThrow(/does not exist/);
  });

  it('counts every statement through the SQL logger', async () => {
    const before = a.dataSource.sqlLogger.statementCount;
    await a.dataSource.query('SELECT 1');
    await a.dataSource.query('SELECT 2');
    expect(a.dataSource.sqlLogger.statementCount - before).toBe(2);
  });
});
