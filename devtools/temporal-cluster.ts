// Longer than ~250 lines on purpose: it is the cluster's start-up sequence (schema, server, namespace,
// search attributes, Web UI) in the order it must run.
import { spawn } from 'node:child_process';
import { mkdir, open } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from '../platform/logger';
import { logTail, startServerProcess, waitForFrontend, type ServerProcess } from './server-process';
import { resolveClusterBinaries, type ClusterBinaries } from './temporal-binaries';
import { archivalUnder, ensureNamespace, ensureSearchAttributes } from './temporal-namespace';

/**
 * The production topology of Temporal on this machine: the real server (frontend, history, matching
 * and worker services in one process) on PostgreSQL for persistence and visibility, its schema set
 * up by Temporal's SQL tool, and the Web UI server. Configured by the files in deploy/temporal, the
 * same ones docker-compose.yml mounts.
 */

/** deploy/temporal: the server configuration template, the dynamic config, the schema script, the UI's configuration. */
export const deployDir = resolve(__dirname, '..', 'deploy', 'temporal');
export const serverConfigFile = join(deployDir, 'server.yaml');
export const dynamicConfigFile = join(deployDir, 'dynamicconfig.yaml');
export const setupSchemaScript = join(deployDir, 'setup-schema.sh');

/** The ports of the server's four services: gRPC (and HTTP for the frontend) and membership. */
export interface ClusterPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
  /** The server's Prometheus endpoint (`/metrics`), all four services' metrics in one. */
  metrics: number;
}

/**
 * Membership ports are stored in a SMALLINT column of the PostgreSQL schema (cluster_membership): a
 * port above this fails the server's start ("value … is out of range for type smallint").
 */
export const maxMembershipPort = 32_767;

/**
 * Temporal's standard layout around a frontend port (7233: history 7234, matching 7235, worker 7239,
 * frontend HTTP 7243, membership 6933–6939, Prometheus metrics 8000), shifted with it; the frontend port is at most
 * {@link maxMembershipPort} + 300.
 */
export function standardClusterPorts(frontend = 7233): ClusterPorts {
  return {
    frontend,
    frontendHttp: frontend + 10,
    frontendMembership: frontend - 300,
    history: frontend + 1,
    historyMembership: frontend - 299,
    matching: frontend + 2,
    matchingMembership: frontend - 298,
    worker: frontend + 6,
    workerMembership: frontend - 294,
    metrics: frontend + 767,
  };
}

const clusterPortNames = [
  'frontend',
  'frontendHttp',
  'frontendMembership',
  'history',
  'historyMembership',
  'matching',
  'matchingMembership',
  'worker',
  'workerMembership',
  'metrics',
] as const satisfies readonly (keyof ClusterPorts)[];

/** A free loopback port in 10000–{@link maxMembershipPort}: the OS's own picks lie above it. */
async function freeLowPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 10_000 + Math.floor(Math.random() * (maxMembershipPort - 10_000));
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((done) => {
      const server = createServer()
        .once('error', () => done(false))
        .listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (free) return port;
  }
}

/** Distinct free ports for the cluster's services, all below the membership limit. */
export async function freeClusterPorts(): Promise<ClusterPorts> {
  const taken = new Set<number>();
  while (taken.size < clusterPortNames.length) taken.add(await freeLowPort(taken));
  const ports = [...taken];
  return Object.fromEntries(clusterPortNames.map((name, index) => [name, ports[index]!])) as unknown as ClusterPorts;
}

export interface TemporalClusterOptions {
  /** Where the server's, the UI's and the schema tool's logs go. */
  dataDir: string;
  /**
   * Where the server archives every closed workflow's history and visibility record (its file store
   * archiver, `history/` and `visibility/` in it), kept until removed by hand; `<dataDir>/archive`
   * unless given.
   */
  archiveDir?: string;
  /**
   * A URL of the PostgreSQL server to keep Temporal's data on (its host, port, user and password; the
   * database in it is ignored): Temporal uses its own databases there, `temporal` and
   * `temporal_visibility`, created on first start. The user needs the right to create databases.
   */
  postgresUrl: string;
  ip: string;
  ports: ClusterPorts;
  /** The Web UI's port; unset, no UI is started. */
  uiPort?: number;
  namespace: string;
  /**
   * How long Temporal keeps a closed journey's history before only the archive has it; applied when
   * the namespace is created.
   */
  retentionDays: number;
  log: Logger;
}

/** What the running server reports about itself (GetClusterInfo). */
export interface ClusterInfo {
  serverVersion: string;
  historyShardCount: number;
  persistenceStore: string;
  visibilityStore: string;
}

/** A running Temporal cluster owned by this process. */
export interface TemporalCluster {
  address: string;
  webUiUrl?: string;
  /** The archive's folder (absolute). */
  archiveDir: string;
  info: ClusterInfo;
  /** Stops the UI, then the server (gracefully; PostgreSQL keeps everything). */
  stop(): Promise<void>;
}

function postgresServer(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port || '5432',
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  };
}

/**
 * Creates Temporal's databases and upgrades their schemas with deploy/temporal/setup-schema.sh, the
 * script compose runs in the admin-tools image; idempotent, so it runs at every start.
 */
export async function setupTemporalSchema(
  binaries: Pick<ClusterBinaries, 'sqlTool' | 'schemaDir'>,
  postgresUrl: string,
  logFile: string,
): Promise<void> {
  const { host, port, user, password } = postgresServer(postgresUrl);
  const log = await open(logFile, 'a');
  try {
    const code = await new Promise<number | null>((done, reject) => {
      const child = spawn('sh', [setupSchemaScript], {
        env: {
          PATH: process.env.PATH ?? '',
          SQL_HOST: host,
          SQL_PORT: port,
          SQL_USER: user,
          SQL_PASSWORD: password,
          TEMPORAL_SQL_TOOL: binaries.sqlTool,
          TEMPORAL_SCHEMA_DIR: binaries.schemaDir,
        },
        stdio: ['ignore', log.fd, log.fd],
      });
      child.once('error', reject);
      child.once('exit', done);
    });
    if (code !== 0) {
      throw new Error(
        `setting up Temporal's schema on ${host}:${port} failed (exit ${code}); ${logFile} ends:\n${await logTail(logFile)}`,
      );
    }
  } finally {
    await log.close();
  }
}

/** The server's environment: what deploy/temporal/server.yaml reads (the official image's variable names). */
function serverEnvironment(options: TemporalClusterOptions, archiveDir: string): Record<string, string> {
  const { host, port, user, password } = postgresServer(options.postgresUrl);
  const { ports } = options;
  return {
    POSTGRES_SEEDS: host,
    DB_PORT: port,
    POSTGRES_USER: user,
    POSTGRES_PWD: password,
    BIND_ON_IP: options.ip,
    FRONTEND_GRPC_PORT: String(ports.frontend),
    FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
    HISTORY_GRPC_PORT: String(ports.history),
    HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
    MATCHING_GRPC_PORT: String(ports.matching),
    MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
    WORKER_GRPC_PORT: String(ports.worker),
    WORKER_MEMBERSHIP_PORT: String(ports.workerMembership),
    PROMETHEUS_ENDPOINT: `${options.ip}:${ports.metrics}`,
    DYNAMIC_CONFIG_FILE_PATH: dynamicConfigFile,
    TEMPORAL_ARCHIVE_DIR: archiveDir,
    LOG_LEVEL: 'warn',
  };
}

async function waitForHttp(url: string, server: ServerProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.isAlive()) throw new Error(`the Temporal Web UI exited during start; see ${server.logFile}`);
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the Temporal Web UI did not answer on ${url}; see ${server.logFile}`);
}

/**
 * Starts the cluster: schema set up or upgraded, the server, the namespace with the journey's search
 * attributes, then the Web UI; resolves once all answer. Everything lives in PostgreSQL, so a start
 * after a stop finds the journeys where they were.
 */
export async function startTemporalCluster(options: TemporalClusterOptions): Promise<TemporalCluster> {
  const { dataDir, ip, ports, log } = options;
  await mkdir(dataDir, { recursive: true });
  const binaries = await resolveClusterBinaries(log);
  const address = `${ip}:${ports.frontend}`;
  const archiveDir = resolve(options.archiveDir ?? join(dataDir, 'archive'));

  await setupTemporalSchema(binaries, options.postgresUrl, join(dataDir, 'setup-schema.log'));
  const server = await startServerProcess(binaries.server, ['--config-file', serverConfigFile, 'start'], {
    env: serverEnvironment(options, archiveDir),
    logFile: join(dataDir, 'temporal-server.log'),
  });
  let ui: ServerProcess | undefined;
  const stop = async () => {
    await ui?.stop();
    await server.stop();
  };
  try {
    await waitForFrontend(address, server);
    const connection = await Connection.connect({ address });
    let info: ClusterInfo;
    try {
      await ensureNamespace(connection, options.namespace, {
        retentionDays: options.retentionDays,
        archival: archivalUnder(archiveDir),
      });
      await ensureSearchAttributes(connection, options.namespace);
      const reported = await connection.workflowService.getClusterInfo({});
      info = {
        serverVersion: reported.serverVersion ?? '',
        historyShardCount: reported.historyShardCount ?? 0,
        persistenceStore: reported.persistenceStore ?? '',
        visibilityStore: reported.visibilityStore ?? '',
      };
    } finally {
      await connection.close();
    }
    if (options.uiPort === undefined) {
      log.info({ address, ...info, archiveDir, log: server.logFile }, 'Temporal cluster ready');
      return { address, archiveDir, info, stop };
    }
    const webUiUrl = `http://${ip}:${options.uiPort}`;
    ui = await startServerProcess(
      binaries.uiServer,
      ['--root', deployDir, '--config', 'ui', '--env', 'cluster', 'start'],
      {
        env: {
          TEMPORAL_ADDRESS: address,
          TEMPORAL_UI_HOST: ip,
          TEMPORAL_UI_PORT: String(options.uiPort),
          TEMPORAL_NAMESPACE: options.namespace,
        },
        logFile: join(dataDir, 'temporal-ui.log'),
      },
    );
    await waitForHttp(`${webUiUrl}/api/v1/settings`, ui);
    log.info({ address, webUiUrl, ...info, archiveDir, log: server.logFile }, 'Temporal cluster ready');
    return { address, webUiUrl, archiveDir, info, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
