// Longer than ~250 lines on purpose: every benchmark's servers (PostgreSQL, dev server, cluster, time-
// skipping server) and processes start here, so each benchmark measures the same topology.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { outboxProvider } from '../activities/sms-provider';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { startDevServer } from '../devtools/dev-server';
import { randomPostgresPasswords, startEmbeddedPostgres } from '../devtools/embedded-postgres';
import { createLogger, type Logger } from '../platform/logger';
import { newKeyring } from '../platform/master-keys';
import { failureConverterPath } from '../platform/payload-codec';
import { createProtection } from '../platform/protection';
import { connectClient } from '../platform/temporal';
import { freeClusterPorts, startTemporalCluster } from '../devtools/temporal-cluster';
import { applyMigrations } from '../prisma/migrate';
import { seedDatabase } from '../prisma/seed';
import { freePort, startProjectProcess, waitForOk, type ProjectProcess } from '../devtools/project-process';
import { quietSdk, startTimeSkippingServer } from '../devtools/time-skipping-server';
import { workflowBundlerOptions } from '../workers/workflow-bundle';

export const benchLog: Logger = createLogger('bench', process.env.BENCH_LOG_LEVEL ?? 'warn');

/** The master keys of a benchmark run: its journeys are encrypted as in production. */
export const benchMasterKeys = newKeyring('bench');

/** The demo staff's password in a benchmark's database. */
export const benchStaffPassword = 'bench-staff-password-2026';

/** What a benchmark runs on: a migrated, seeded PostgreSQL (demo staff too) in a temporary folder, and its teardown. */
export interface BenchDatabase {
  url: string;
  prisma: PrismaClient;
  stop(): Promise<void>;
}

/** A fresh embedded PostgreSQL on a free port, so a benchmark never meets `npm start`'s or the tests'. */
export async function startBenchDatabase(): Promise<BenchDatabase> {
  const root = await mkdtemp(join(tmpdir(), 'journey-bench-pg-'));
  const postgres = await startEmbeddedPostgres({
    dataDir: join(root, 'data'),
    port: await freePort(),
    passwords: randomPostgresPasswords(),
    log: benchLog,
  });
  // A benchmark's server lives for one run: its database is the superuser's, who also makes Temporal's.
  const superuserUrl = new URL(postgres.adminUrl);
  superuserUrl.pathname = '/journey';
  const url = superuserUrl.toString();
  await applyMigrations(url, benchLog);
  const prisma = createPrismaClient(url);
  await seedDatabase(prisma, { demoStaffPassword: benchStaffPassword });
  return {
    url,
    prisma,
    async stop() {
      await prisma.$disconnect();
      await postgres.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A time-skipping test server for the benchmarks that run whole 90-day journeys; its client decrypts as the workers encrypt. */
export function startTimeSkipping(prisma: PrismaClient): ReturnType<typeof startTimeSkippingServer> {
  return startTimeSkippingServer(benchLog, createProtection(prisma, benchMasterKeys).dataConverter);
}

let workflowCode: Promise<string> | undefined;

/**
 * The real workflow (bundled once per run) and activities on `taskQueue`, in this process; payloads
 * encrypted as in production unless a benchmark gives its own `dataConverter` (see bench/encryption.ts).
 */
export async function createBenchWorker(
  connection: TestWorkflowEnvironment['nativeConnection'],
  taskQueue: string,
  prisma: PrismaClient,
  dataConverter?: DataConverter,
): Promise<Worker> {
  quietSdk();
  workflowCode ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    failureConverterPath,
    logger: new DefaultLogger('WARN'),
    ...workflowBundlerOptions,
  }).then((bundle) => bundle.code);
  const protection = createProtection(prisma, benchMasterKeys);
  return Worker.create({
    connection,
    taskQueue,
    workflowBundle: { code: await workflowCode },
    dataConverter: dataConverter ?? protection.workerDataConverter,
    activities: createActivities({ prisma, smsProvider: outboxProvider, protection }),
  });
}

/** The Temporal servers a benchmark can run on: the dev server `npm start` runs, or the production cluster. */
export type BenchServer = 'dev' | 'cluster';

/** `--server dev|cluster` (default `dev`), or an error naming the flag. */
export function benchServer(value: string | undefined): BenchServer {
  if (value === undefined || value === 'dev' || value === 'cluster') return value ?? 'dev';
  throw new Error(`--server ${value}: must be dev or cluster`);
}

/**
 * A Temporal server (the dev server as `npm start` runs it, SQLite with WAL; or the cluster as
 * `npm run start:cluster` runs it, 16 shards on this PostgreSQL) and an embedded PostgreSQL, in
 * temporary folders on free ports, with a client in this process. `env` is what the worker and the
 * API need to find them.
 */
export interface DevStack {
  server: BenchServer;
  database: BenchDatabase;
  client: Client;
  taskQueue: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startStack(kind: BenchServer = 'dev'): Promise<DevStack> {
  quietSdk(); // before the first connection makes the SDK's runtime
  const database = await startBenchDatabase();
  const temporalRoot = await mkdtemp(join(tmpdir(), 'journey-bench-temporal-'));
  let server: { address: string; stop(): Promise<void> } | undefined;
  try {
    if (kind === 'cluster') {
      const adminUrl = new URL(database.url);
      adminUrl.pathname = '/postgres';
      const ports = await freeClusterPorts();
      server = await startTemporalCluster({
        dataDir: temporalRoot,
        postgresUrl: adminUrl.toString(),
        ip: '127.0.0.1',
        ports,
        namespace: 'default',
        retentionDays: 1,
        log: benchLog,
      });
    } else {
      server = await startDevServer({
        dataDir: temporalRoot,
        ip: '127.0.0.1',
        port: await freePort(),
        uiPort: await freePort(),
        log: benchLog,
      });
    }
    const client = await connectClient(
      { TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: 'default', TEMPORAL_CONNECT_TIMEOUT_MS: 10_000 },
      createProtection(database.prisma, benchMasterKeys).dataConverter,
    );
    const taskQueue = `bench-${randomBytes(3).toString('hex')}`;
    const running = server;
    return {
      server: kind,
      database,
      client,
      taskQueue,
      env: {
        DATABASE_URL: database.url,
        TEMPORAL_ADDRESS: server.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        JOURNEY_MASTER_KEYS: benchMasterKeys,
      },
      async stop() {
        await client.connection.close();
        await running.stop();
        await rm(temporalRoot, { recursive: true, force: true });
        await database.stop();
      },
    };
  } catch (error) {
    await server?.stop();
    await rm(temporalRoot, { recursive: true, force: true });
    await database.stop();
    throw error;
  }
}

/** The dev server stack (see {@link startStack}). */
export function startDevStack(): Promise<DevStack> {
  return startStack('dev');
}

/** The worker or the API as its own process; stopped with SIGTERM, and killed if this process exits first. */
export interface BenchProcess {
  pid: number;
  /** Where it answers: the API's base URL, the worker's health endpoint. */
  url: string;
  stop(): Promise<void>;
}

export async function startBenchProcess(
  entry: string,
  portVariable: string,
  env: Record<string, string>,
): Promise<BenchProcess> {
  const port = await freePort();
  const running = startProjectProcess(entry, {
    WORKER_METRICS_PORT: '0',
    API_METRICS_PORT: '0',
    ...env,
    [portVariable]: String(port),
  });
  const kill = () => running.child.kill('SIGKILL');
  process.once('exit', kill);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${url}/readyz`, running, 120_000);
  } catch (error) {
    kill();
    throw error;
  }
  return {
    pid: running.child.pid!,
    url,
    async stop() {
      process.removeListener('exit', kill);
      await stopGracefully(running);
    },
  };
}

async function stopGracefully(running: ProjectProcess): Promise<void> {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 20_000);
  await running.exited;
  clearTimeout(timer);
}

/**
 * `node --import tsx workers/main.ts` with `env`; resolves once its `/readyz` answers. The benchmark's
 * own WORKER_* variables (pollers, cache, slots) reach the worker too, to compare settings with one command.
 */
export function startWorkerProcess(env: Record<string, string>): Promise<BenchProcess> {
  const tuning = workerTuning();
  // Journeys sleeping on timers have no activity in flight: a short grace keeps the teardown quick.
  return startBenchProcess('workers/main.ts', 'WORKER_HEALTH_PORT', { SHUTDOWN_GRACE_MS: '5000', ...tuning, ...env });
}

/** The worker settings the benchmark's environment passes on to its worker (`WORKER_*`). */
export function workerTuning(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => /^WORKER_/.test(entry[0]) && !!entry[1]),
  );
}

/** `node --import tsx api/main.ts` with `env`; resolves once its `/readyz` answers. */
export function startApiProcess(env: Record<string, string>): Promise<BenchProcess> {
  return startBenchProcess('api/main.ts', 'API_PORT', env);
}

/**
 * Polls `count` until it reaches `target`. Fails when it stops growing for `stallMs` rather than after
 * a fixed time, since large runs on a slow machine legitimately take long.
 */
export async function waitForCount(
  what: string,
  count: () => Promise<number>,
  target: number,
  stallMs = 60_000,
): Promise<void> {
  let [last, lastChange] = [-1, Date.now()];
  for (;;) {
    const current = await count();
    if (current >= target) return;
    if (current !== last) [last, lastChange] = [current, Date.now()];
    if (Date.now() - lastChange > stallMs) {
      throw new Error(`${what}: stuck at ${current} of ${target} for ${stallMs / 1000} s`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** Resident set size of a process in MiB, from /proc/<pid>/status (Linux). */
export async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
  if (!kib) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return kib / 1024;
}

/** CPU time a process has used, in clock ticks (1/100 s), from /proc/<pid>/stat (Linux). */
async function cpuTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * Waits until a process has used at most 2 % of a core for a whole second: the rows a benchmark waits
 * for are written before the workflow tasks that follow them have finished.
 */
export async function waitForIdle(pid: number, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = await cpuTicks(pid);
    await new Promise((done) => setTimeout(done, 1_000));
    if ((await cpuTicks(pid)) - before <= 2) return;
    if (Date.now() > deadline) throw new Error(`process ${pid} still busy after ${timeoutMs / 1000} s`);
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight, in order of the items. */
export async function inPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

/** A command-line flag's value as a positive whole number, or an error naming the flag. */
export function positiveInteger(flag: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${flag} ${value}: must be a positive whole number`);
  return number;
}

/** Milliseconds and other figures to two decimals, for the printed lines and the JSON. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
