/**
 * `npm run test:fast`: the fast tier alone (test/fast/), workflow logic with stubbed activities on the
 * time-skipping server; no PostgreSQL and no global set-up, so it answers in seconds. `npm test` runs
 * these files too, inside the whole suite.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/fast'],
  globalSetup: undefined,
  globalTeardown: undefined,
};
