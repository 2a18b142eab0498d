/**
 * `npm start`: the whole system on one machine. Starts an embedded PostgreSQL unless DATABASE_URL is
 * set and a Temporal dev server (with its Web UI) unless TEMPORAL_ADDRESS is set, applies migrations
 * and seed data, then runs the worker and the API as child processes until Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadConfig, redactUrl } from '../platform/config';
import { createPrismaClient } from '../platform/database';
import { startDevServer } from '../platform/dev-server';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { newKeyring } from '../platform/master-keys';
import { localSecret } from '../platform/local-secrets';
import { runMain } from '../platform/main';
import type { Logger } from '../platform/logger';
import { applyMigrations } from '../prisma/migrate';
import { seedDatabase, type SeedOptions } from '../prisma/seed';

const startOptions = z.object({
  DATA_DIR: z.string().default('data'),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().default(54329),
  TEMPORAL_DEV_SERVER_PORT: z.coerce.number().int().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  READY_TIMEOUT_MS: z.coerce.number().int().default(180_000),
});

const projectRoot = resolve(__dirname, '..');

function startChild(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  // `--import tsx` runs the TypeScript entry directly; its JSON log lines pass through to our stdout.
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

/** Starts what DATABASE_URL / TEMPORAL_ADDRESS do not point at; returns the children's environment. */
async function startServers(options: z.infer<typeof startOptions>, stops: (() => Promise<void>)[], log: Logger) {
  const dataDir = resolve(options.DATA_DIR);
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Secrets kept in the data folder, made on first start, unless the environment gives them.
  env.JOURNEY_MASTER_KEYS ??= (await localSecret(dataDir, 'master-keys', () => newKeyring())).value;
  env.ACTIVATION_API_TOKEN ??= (await localSecret(dataDir, 'activation-token', 24)).value;
  env.SMS_GATEWAY_TOKEN ??= (await localSecret(dataDir, 'sms-gateway-token', 24)).value;
  // Demo staff (development only) share one random password per data folder; SEED_DEMO_STAFF=0 skips them.
  env.SEED_DEMO_STAFF ??= '1';
  const demoPassword = env.SEED_DEMO_STAFF === '1' ? await localSecret(dataDir, 'demo-staff-password', 12) : undefined;
  if (!process.env.DATABASE_URL) {
    const postgres = await startEmbeddedPostgres({
      dataDir: resolve(dataDir, 'postgres'),
      port: options.EMBEDDED_POSTGRES_PORT,
      log,
    });
    stops.unshift(() => postgres.stop());
    env.DATABASE_URL = postgres.url;
  }
  if (!process.env.TEMPORAL_ADDRESS) {
    log.info('starting the Temporal dev server');
    const devServer = await startDevServer({
      dataDir: resolve(dataDir, 'temporal'),
      ip: '127.0.0.1',
      port: options.TEMPORAL_DEV_SERVER_PORT,
      uiPort: options.TEMPORAL_UI_PORT,
      log,
    });
    stops.unshift(devServer.stop);
    env.TEMPORAL_ADDRESS = devServer.address;
    env.TEMPORAL_UI_URL ??= devServer.webUiUrl;
  }
  const config = loadConfig(env);
  await seed(
    config.DATABASE_URL,
    log,
    demoPassword ? { demoStaffPassword: demoPassword.value, resetDemoStaffPasswords: demoPassword.created } : {},
  );
  return { env, config, demoPasswordFile: demoPassword && join(options.DATA_DIR, 'secrets', 'demo-staff-password') };
}

runMain('start', async (log) => {
  const options = startOptions.parse(process.env);
  // The data folder holds personal data (journey histories, the database) and the keys: owner-only,
  // for every file this process and the servers it starts create.
  process.umask(0o077);
  // Servers started here, newest first: they are stopped in that order.
  const stops: (() => Promise<void>)[] = [];
  const stopServers = async () => {
    for (const stop of stops) await stop().catch((error: unknown) => log.warn({ err: error }, 'stop failed'));
  };
  let started: Awaited<ReturnType<typeof startServers>>;
  try {
    started = await startServers(options, stops, log);
  } catch (error) {
    await stopServers();
    throw error;
  }
  const { env, config, demoPasswordFile } = started;

  const children = [startChild('workers/main.ts', env), startChild('api/main.ts', env)];
  let stopping = false;
  const stopAll = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping: api, worker, then the servers');
    await Promise.all(children.map(stopChild));
    await stopServers();
    process.exit(exitCode);
  };
  // Ctrl-C reaches every process of the group, and npm and tsx relay it again: repeats are ignored.
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  for (const child of children) {
    child.once('exit', (code) => {
      if (!stopping) {
        log.error({ code }, 'a child process exited; stopping everything');
        void stopAll(1);
      }
    });
  }

  const apiUrl = `http://${config.HOST}:${config.API_PORT}`;
  try {
    await waitUntilReady(
      [`${apiUrl}/readyz`, `http://${config.HOST}:${config.WORKER_HEALTH_PORT}/readyz`],
      options.READY_TIMEOUT_MS,
      children,
    );
  } catch (error) {
    log.error({ err: error }, 'the system did not become ready');
    await stopAll(1);
  }
  const lines = [
    '',
    `Onboarding journey is running (ready in ${process.uptime().toFixed(1)} s). Ctrl-C stops everything.`,
    `  API              ${apiUrl}  (OpenAPI: ${apiUrl}/v1/openapi.json)`,
    `  Staff UI         ${apiUrl}/ui/tasks${demoPasswordFile ? `  (demo staff store.jn001, followup.zhang, supervisor.sun, …: password in ${demoPasswordFile})` : ''}`,
    `  Temporal Web UI  ${config.TEMPORAL_UI_URL}`,
    `  PostgreSQL       ${redactUrl(config.DATABASE_URL)}`,
    `  Temporal         ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE}, task queue ${config.TEMPORAL_TASK_QUEUE})`,
    `  Activation token ${options.DATA_DIR}/secrets/activation-token (unless ACTIVATION_API_TOKEN is set)`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
});
