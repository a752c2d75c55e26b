import 'reflect-metadata';

export { startEmbeddedPostgres, type EmbeddedPostgresHandle, type EmbeddedPostgresOptions } from './embeddedPostgres';
export { ensureDatabase, dropDatabase, withDatabase } from './databases';
export { createDataSource, type DataSourceOptions } from './createDataSource';
export { SqlLogger } from './SqlLogger';
export { BaseEntity } from './BaseEntity';
export { createTestDataSource, type TestDataSource } from './testDatabase';
export { bigintIds, countRows, sql } from './sql';
export { freePort, freePorts } from './freePort';
export { databaseReady, openServiceDatabase } from './openServiceDatabase';
export { numericTransformer } from './numeric';
export { likeContaining, likePrefix } from './likePatterns';
export { nearest } from './nearest';
export { createPersonalDataReadsTable, PersonalDataReadStore, type PersonalDataReadRow, type PersonalDataReadBatch, type PersonalDataReadQuery } from './personalDataReads';
