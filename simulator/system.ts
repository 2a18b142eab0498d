// Longer than ~250 lines on purpose: the whole system under simulation starts, restarts and stops
// here (PostgreSQL behind a cuttable proxy, Temporal, workers, the API, the SMS gateway).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { startDevServer, type DevServer } from '../devtools/dev-server';
import { randomPostgresPasswords, startEmbeddedPostgres, type EmbeddedPostgres } from '../devtools/embedded-postgres';
import type { Logger } from '../platform/logger';
import { newKeyring } from '../platform/master-keys';
import { freePort, startProjectProcess, waitForOk, type ProjectProcess } from '../devtools/project-process';
import { createProtection } from '../platform/protection';
import { connectClient } from '../platform/temporal';
import { freeClusterPorts, startTemporalCluster, type TemporalCluster } from '../devtools/temporal-cluster';
import { quietSdk } from '../devtools/time-skipping-server';
import { applyMigrations } from '../prisma/migrate';
import { seedDatabase } from '../prisma/seed';
import type { SimClock } from './clock';
import { LoopbackSmsGateway } from './sms-gateway';
import { TcpProxy } from './tcp-proxy';

export type SimServer = 'dev' | 'cluster';

export interface SimSystemOptions {
  server: SimServer;
  workers: number;
  /** Real milliseconds a simulated day lasts. */
  msPerDay: number;
  log: Logger;
}

interface Temporal {
  address: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * The real system, run as production runs it, on loopback: the worker(s) and the API as their own
 * processes on compressed days, PostgreSQL reached through a proxy the simulation can cut, the
 * Temporal dev server or cluster, and an HTTP SMS gateway that records every message it delivers.
 */
export class SimSystem {
  readonly activationToken = randomBytes(24).toString('base64url');
  readonly inboundToken = randomBytes(24).toString('base64url');
  private readonly gatewayToken = randomBytes(24).toString('base64url');
  private readonly workers: (ProjectProcess | undefined)[] = [];
  private api?: ProjectProcess;
  private apiPort = 0;
  private clock?: SimClock;
  private env: Record<string, string> = {};

  private constructor(
    private readonly options: SimSystemOptions,
    private readonly root: string,
    private readonly postgres: EmbeddedPostgres,
    private readonly proxy: TcpProxy,
    private readonly temporal: Temporal,
    private readonly masterKeys: string,
    readonly gateway: LoopbackSmsGateway,
    /** The simulation's own view of the database (not through the proxy): for the checks. */
    readonly prisma: PrismaClient,
    /** A Temporal client that reads histories as engineers do (decrypted with the run's keys). */
    readonly client: Client,
  ) {}

  get workerCount(): number {
    return this.options.workers;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  static async start(options: SimSystemOptions): Promise<SimSystem> {
    quietSdk();
    const { log } = options;
    const root = await mkdtemp(join(tmpdir(), 'journey-simulation-'));
    const postgres = await startEmbeddedPostgres({
      dataDir: join(root, 'postgres'),
      port: await freePort(),
      passwords: randomPostgresPasswords(),
      log,
    });
    // Migrated by the application's role, as `npm start` does: the worker and the API check the migrations as it.
    await applyMigrations(postgres.url, log);
    const prisma = createPrismaClient(postgres.url);
    // Catalogs and stores only: the staff come from the roster import, as in production.
    await seedDatabase(prisma);
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(postgres.url).port) });
    const temporal = await startTemporal(options, root, postgres);
    const gateway = await LoopbackSmsGateway.start({ failFirst: false });
    const masterKeys = newKeyring('simulation');
    const client = await connectClient(
      { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default', TEMPORAL_CONNECT_TIMEOUT_MS: 10_000 },
      createProtection(prisma, masterKeys).dataConverter,
    );
    const system = new SimSystem(options, root, postgres, proxy, temporal, masterKeys, gateway, prisma, client);
    await system.startProcesses();
    return system;
  }

  /** The database as the worker and the API reach it: through the proxy. */
  private get appDatabaseUrl(): string {
    const url = new URL(this.postgres.url);
    url.port = String(this.proxy.port);
    return url.toString();
  }

  private async startProcesses(): Promise<void> {
    this.apiPort = await freePort();
    this.env = {
      DATABASE_URL: this.appDatabaseUrl,
      TEMPORAL_ADDRESS: this.temporal.address,
      TEMPORAL_TASK_QUEUE: 'onboarding-journey',
      JOURNEY_MASTER_KEYS: this.masterKeys,
      ACTIVATION_API_TOKEN: this.activationToken,
      SMS_PROVIDER: 'http',
      SMS_GATEWAY_URL: this.gateway.url,
      SMS_GATEWAY_TOKEN: this.gatewayToken,
      SMS_INBOUND_TOKEN: this.inboundToken,
      JOURNEY_DAY_SECONDS: String(this.options.msPerDay / 1_000),
      PUBLIC_URL: `http://127.0.0.1:${this.apiPort}`,
      WORKER_METRICS_PORT: '0',
      API_METRICS_PORT: '0',
      SHUTDOWN_GRACE_MS: '5000',
    };
    for (let index = 0; index < this.options.workers; index++) await this.startWorker(index);
  }

  async startWorker(index: number): Promise<void> {
    const port = await freePort();
    const worker = startProjectProcess('workers/main.ts', { ...this.env, WORKER_HEALTH_PORT: String(port) });
    this.workers[index] = worker;
    await waitForOk(`http://127.0.0.1:${port}/readyz`, worker, 120_000);
  }

  /**
   * Starts the API with the simulation's clock: the API stamps it on every journey it starts (the
   * business clock of docs/configuration.md), so the clock starts once the rest of the system is up.
   */
  async startApi(clock: SimClock): Promise<void> {
    this.clock = clock;
    this.api = startProjectProcess('api/main.ts', {
      ...this.env,
      API_PORT: String(this.apiPort),
      JOURNEY_SIMULATED_START: clock.clock.simulatedStart,
      JOURNEY_SIMULATED_REAL_START: clock.clock.realStart,
    });
    await waitForOk(`${this.apiUrl}/readyz`, this.api, 120_000);
  }

  /** Runs a command of the project (e.g. the roster import) against the system's database, as an administrator would. */
  async runCommand(entry: string, args: string[]): Promise<string> {
    const command = startProjectProcess(entry, this.env, args);
    const { code } = await command.exited;
    if (code !== 0) throw new Error(`${entry} ${args.join(' ')} exited with ${code}: ${command.stderr()}`);
    return command.stdout();
  }

  /** A crash: the worker is SIGKILLed, and a new one takes its journeys. */
  async killWorker(index: number): Promise<void> {
    const worker = this.workers[index];
    if (!worker) return;
    worker.child.kill('SIGKILL');
    await worker.exited;
    await this.startWorker(index);
  }

  /** A deployment of the API: stopped gracefully, started again on the same port (on another clock, if given). */
  async restartApi(clock = this.clock): Promise<void> {
    await stopGracefully(this.api);
    if (clock) await this.startApi(clock);
  }

  /** The Temporal server stops and starts again on the same storage. */
  async restartTemporal(pauseMs: number): Promise<void> {
    await this.temporal.stop();
    await new Promise((done) => setTimeout(done, pauseMs));
    await this.temporal.start();
  }

  /** PostgreSQL out of reach of the worker and the API for `forMs`. */
  async cutDatabase(forMs: number): Promise<void> {
    await this.proxy.cut();
    await new Promise((done) => setTimeout(done, forMs));
    await this.proxy.restore();
  }

  async stop(): Promise<void> {
    await stopGracefully(this.api);
    for (const worker of this.workers) await stopGracefully(worker);
    await this.client.connection.close();
    await this.prisma.$disconnect();
    await this.gateway.stop();
    await this.temporal.stop();
    await this.proxy.cut();
    await this.postgres.stop();
    await rm(this.root, { recursive: true, force: true });
  }
}

async function startTemporal(options: SimSystemOptions, root: string, postgres: EmbeddedPostgres): Promise<Temporal> {
  const dataDir = join(root, 'temporal');
  if (options.server === 'cluster') {
    const ports = await freeClusterPorts();
    const adminUrl = new URL(postgres.adminUrl);
    adminUrl.pathname = '/postgres';
    const clusterOptions = {
      dataDir,
      postgresUrl: adminUrl.toString(),
      ip: '127.0.0.1',
      ports,
      namespace: 'default',
      retentionDays: 1,
      log: options.log,
    };
    let cluster: TemporalCluster | undefined = await startTemporalCluster(clusterOptions);
    return {
      address: `127.0.0.1:${ports.frontend}`,
      async start() {
        cluster = await startTemporalCluster(clusterOptions);
      },
      async stop() {
        await cluster?.stop();
        cluster = undefined;
      },
    };
  }
  const devOptions = { dataDir, ip: '127.0.0.1', port: await freePort(), uiPort: await freePort(), log: options.log };
  let server: DevServer | undefined = await startDevServer(devOptions);
  return {
    address: server.address,
    async start() {
      server = await startDevServer(devOptions);
    },
    async stop() {
      await server?.stop();
      server = undefined;
    },
  };
}

async function stopGracefully(process: ProjectProcess | undefined): Promise<void> {
  if (!process || process.child.exitCode !== null || process.child.signalCode !== null) return;
  process.child.kill('SIGTERM');
  const timer = setTimeout(() => process.child.kill('SIGKILL'), 20_000);
  await process.exited;
  clearTimeout(timer);
}
