import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { Client } from 'pg';
import { createPrismaClient } from '../platform/database';
import { randomPostgresPasswords, startEmbeddedPostgres } from '../devtools/embedded-postgres';
import { createLogger, formatForTerminal } from '../platform/logger';
import { failureConverterPath } from '../platform/payload-codec';
import { resolveClusterBinaries, resolveDevServer, resolveTestServer } from '../devtools/temporal-binaries';
import { applyMigrations } from '../prisma/migrate';
import { seedDatabase } from '../prisma/seed';
import { testStaffPassword } from './support/postgres';
import { freePort } from './support/processes';
import { workflowBundlerOptions } from '../workers/workflow-bundle';

/**
 * Once per test run: a real PostgreSQL with a migrated, seeded template database, and the Temporal
 * servers resolved (built on first use, with progress) before any test's timeout starts ticking.
 */
export default async function globalSetup(): Promise<void> {
  const log = createLogger('test-setup', process.env.TEST_LOG_LEVEL ?? 'info', formatForTerminal());
  await resolveTestServer(log);
  await resolveDevServer(log);
  await resolveClusterBinaries(log);

  const root = await mkdtemp(join(tmpdir(), 'journey-test-pg-'));
  const postgres = await startEmbeddedPostgres({
    dataDir: join(root, 'data'),
    port: await freePort(),
    passwords: randomPostgresPasswords(),
    log,
  });
  (globalThis as { testPostgres?: unknown }).testPostgres = { root, postgres };

  // The tests' databases are the superuser's: a test makes and drops databases, Temporal's too.
  const adminUrl = new URL(postgres.adminUrl);
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query('CREATE DATABASE journey_template');
  await admin.end();

  const templateUrl = new URL(postgres.adminUrl);
  templateUrl.pathname = '/journey_template';
  await applyMigrations(templateUrl.toString(), log);
  const prisma = createPrismaClient(templateUrl.toString());
  await seedDatabase(prisma, { demoStaffPassword: testStaffPassword });
  await prisma.$disconnect();

  process.env.TEST_POSTGRES_ADMIN_URL = adminUrl.toString();

  // Bundled once for the run: every test worker loads the same workflow code without rebuilding it.
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    failureConverterPath,
    logger: new DefaultLogger('WARN'),
    ...workflowBundlerOptions,
  });
  const bundlePath = join(root, 'workflow-bundle.js');
  await writeFile(bundlePath, code);
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
}
