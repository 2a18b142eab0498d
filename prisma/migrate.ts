import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../platform/config';
import type { Logger } from '../platform/logger';
import { runMain } from '../platform/main';

/**
 * Applies the migrations of `prisma/migrations` without Prisma's schema engine (which would be
 * downloaded from outside the package registries). The bookkeeping is Prisma's own — the
 * `_prisma_migrations` table, SHA-256 checksums of `migration.sql`, Prisma's advisory lock key — so
 * `prisma migrate deploy` on an online machine accepts the same folder and database.
 */

const migrationsDir = join(__dirname, 'migrations');
/** The lock key `prisma migrate` takes, so this migrator and Prisma's never run at once. */
const prismaAdvisoryLockKey = 72707369;

const bookkeepingTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

async function readMigrations(): Promise<Migration[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/**
 * Applies every migration not yet applied, in name order, each in its own transaction, under
 * Prisma's advisory lock (a worker and an API starting together do not race). A migration changed
 * after it was applied, or one that failed earlier, stops with an error that says so.
 */
export async function applyMigrations(databaseUrl: string, log: Logger): Promise<{ applied: string[] }> {
  const migrations = await readMigrations();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [prismaAdvisoryLockKey]);
    await client.query(bookkeepingTable);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((row) => [row.migration_name, row]));
    const applied: string[] = [];
    for (const migration of migrations) {
      const previous = done.get(migration.name);
      if (previous?.finished_at === null) {
        throw new Error(
          `migration ${migration.name} failed earlier and needs an operator (see _prisma_migrations.logs)`,
        );
      }
      if (previous) {
        if (previous.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.name} was modified after it was applied (checksum mismatch); add a new migration instead`,
          );
        }
        continue;
      }
      await applyOne(client, migration);
      applied.push(migration.name);
      log.info({ migration: migration.name }, 'migration applied');
    }
    return { applied };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [prismaAdvisoryLockKey]).catch(() => undefined);
    await client.end();
  }
}

async function applyOne(client: Client, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error(`migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

if (require.main === module) {
  // `npm run db:migrate`: applies pending migrations to DATABASE_URL.
  runMain('migrate', async (log) => {
    const { applied } = await applyMigrations(loadConfig().DATABASE_URL, log);
    log.info({ applied }, applied.length > 0 ? 'migrations applied' : 'database already up to date');
  });
}
