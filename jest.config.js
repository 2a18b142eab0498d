/** Jest runs TypeScript through SWC (fast, no type-check; `npm run typecheck` does that). */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The staff pages are TSX on Preact's automatic JSX runtime, as tsconfig.json's `jsx` and `jsxImportSource` say.
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { transform: { react: { runtime: 'automatic', importSource: 'preact' } } } },
    ],
  },
  setupFilesAfterEnv: ['<rootDir>/test/support/matchers.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // Servers (PostgreSQL, Temporal) are shared per run and time skipping is global to a server.
  maxWorkers: 1,
  testTimeout: 60_000,
};
