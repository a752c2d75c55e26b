/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/{infra,services,gateway,schema,test}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/infra/db/src/jest/globalSetup.ts',
  globalTeardown: '<rootDir>/infra/db/src/jest/globalTeardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};
