/** Jest runs TypeScript through SWC (fast, no type-check; `npm run typecheck` does that). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': '@swc/jest' },
  setupFilesAfterEnv: ['<rootDir>/test/support/matchers.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Servers (PostgreSQL, Temporal) are shared per run and time skipping is global to a server.
  maxWorkers: 1,
  testTimeout: 60_000,
};
