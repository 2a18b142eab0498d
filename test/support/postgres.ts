import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The demo staff's password in the tests' template database (the seed's development option). */
export const testStaffPassword = 'test-staff-password-2026';

/**
 * Creates a fresh database, migrated and seeded, from the template the global setup prepared on the
 * run's embedded PostgreSQL, and returns its URL. Copying a template takes milliseconds, so every test
 * file gets its own database.
 */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = testPostgresAdminUrl();
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE journey_template`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A database with nothing in it (no schema, no seed), e.g. to run the migrations or a seed from scratch. */
export async function createEmptyDatabase(): Promise<string> {
  const url = new URL(await createTestDatabase());
  const admin = new Client({ connectionString: testPostgresAdminUrl() });
  await admin.connect();
  const name = `${url.pathname.slice(1)}_empty`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/** The run's PostgreSQL as its superuser (database `postgres`), from the global setup. */
export function testPostgresAdminUrl(): string {
  const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL;
  if (!adminUrl) throw new Error('TEST_POSTGRES_ADMIN_URL is unset: run the tests through jest (global setup)');
  return adminUrl;
}

/**
 * Drops Temporal's databases (`temporal`, `temporal_visibility`) from the run's PostgreSQL, so the
 * next test cluster sets its schema up from nothing. Test files run one at a time: one cluster at once.
 */
export async function dropTemporalDatabases(): Promise<void> {
  const admin = new Client({ connectionString: testPostgresAdminUrl() });
  await admin.connect();
  try {
    for (const name of ['temporal', 'temporal_visibility'])
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
