import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDevServer as startDevServerProcess, type DevServerOptions } from '../../devtools/dev-server';
import { createLogger } from '../../platform/logger';
import { resolveDevServer } from '../../devtools/temporal-binaries';
import { quietSdk, startTimeSkippingServer as startTimeSkipping } from '../../devtools/time-skipping-server';
import {
  freeClusterPorts,
  startTemporalCluster,
  type ClusterInfo,
  type TemporalCluster,
  type TemporalClusterOptions,
} from '../../devtools/temporal-cluster';
import { CODEC_PATH, TEMPORAL_WEB_UI_PATH } from '../../platform/web-ui-paths';
import { allSearchAttributeKeys } from '../../workflows/search-attributes';
import { dropTemporalDatabases, testPostgresAdminUrl } from './postgres';
import { freePort } from './processes';

// The one place that chooses the tests' Temporal servers, so the Java time-skipping server (announced
// for deprecation) can be swapped without touching the tests, and the tests that run on real servers
// run on the dev server and the cluster alike.
const log = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'warn');

/** The real (not time-skipping) Temporal servers: the CLI's dev server, and the production cluster. */
export type RealServer = 'dev' | 'cluster';

/**
 * A time-skipping test server: 90-day timers fire in seconds. Time moves only inside `env.sleep`
 * and while awaiting a workflow result; run such tests serially.
 */
export function startTimeSkippingServer(dataConverter?: DataConverter): Promise<TestWorkflowEnvironment> {
  return startTimeSkipping(log, dataConverter);
}

/**
 * A real, in-memory Temporal dev server with the journey's search attributes registered; its client
 * encrypts and decrypts with `dataConverter` (the tests' keys, see keys.ts) when given.
 */
export async function startDevServer(
  dataConverter?: DataConverter,
  options: { ui?: boolean } = {},
): Promise<TestWorkflowEnvironment & { webUiUrl?: string }> {
  quietSdk();
  const uiPort = options.ui ? await freePort() : undefined;
  const env = await TestWorkflowEnvironment.createLocal({
    client: { dataConverter },
    server: {
      executable: await resolveDevServer(log),
      searchAttributes: allSearchAttributeKeys,
      log: { format: 'json', level: 'error' },
      // The Web UI as npm start serves it: behind the API, with its codec server (docs/security.md).
      ...(uiPort
        ? {
            ui: true,
            uiPort,
            extraArgs: ['--ui-public-path', TEMPORAL_WEB_UI_PATH, '--ui-codec-endpoint', CODEC_PATH],
          }
        : {}),
    },
  });
  return Object.assign(env, uiPort ? { webUiUrl: `http://127.0.0.1:${uiPort}` } : {});
}

/** A real Temporal server a test stops and starts again on the same storage and ports. */
export interface RestartableServer {
  address: string;
  webUiUrl?: string;
  /** What the cluster reports about itself (the dev server: undefined). */
  info?: ClusterInfo;
  /** The cluster's own Prometheus endpoint (the dev server: undefined). */
  metricsUrl?: string;
  /** Where the cluster archives closed workflows (the dev server, which archives nothing: undefined). */
  archiveDir?: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  remove(): Promise<void>;
}

/**
 * The production topology as `npm run start:cluster` runs it, on free ports: Temporal's databases on
 * the run's PostgreSQL (as compose shares one PostgreSQL), set up from nothing by the SQL tool, the
 * real server with 16 shards, the namespace and search attributes; the Web UI with `ui`.
 */
async function startRestartableCluster(root: string, options: { ui?: boolean }): Promise<RestartableServer> {
  await dropTemporalDatabases();
  const clusterOptions: TemporalClusterOptions = {
    dataDir: root,
    postgresUrl: testPostgresAdminUrl(),
    ip: '127.0.0.1',
    ports: await freeClusterPorts(),
    uiPort: options.ui ? await freePort() : undefined,
    namespace: 'default',
    retentionDays: 1,
    log,
  };
  let cluster: TemporalCluster | undefined;
  const server: RestartableServer = {
    address: `127.0.0.1:${clusterOptions.ports.frontend}`,
    metricsUrl: `http://127.0.0.1:${clusterOptions.ports.metrics}/metrics`,
    async start() {
      cluster = await startTemporalCluster(clusterOptions);
      server.webUiUrl = cluster.webUiUrl;
      server.info = cluster.info;
      server.archiveDir = cluster.archiveDir;
    },
    async stop() {
      await cluster?.stop();
      cluster = undefined;
    },
    async remove() {
      await server.stop();
      await dropTemporalDatabases();
    },
  };
  try {
    await server.start();
  } catch (error) {
    await server.remove();
    throw error;
  }
  return server;
}

/**
 * The dev server as `npm start` runs it: its SQLite file in a temporary folder keeps it across a restart.
 * Its first start is tried three times on fresh ports: a port found free may be taken before the
 * server binds it (another test's server, an outgoing connection).
 */
async function startRestartableDevServer(root: string): Promise<RestartableServer> {
  for (let attempt = 1; ; attempt += 1) {
    const options: DevServerOptions = {
      dataDir: root,
      ip: '127.0.0.1',
      port: await freePort(),
      uiPort: await freePort(),
      log,
    };
    let running: Awaited<ReturnType<typeof startDevServerProcess>> | undefined;
    const server: RestartableServer = {
      address: `${options.ip}:${options.port}`,
      async start() {
        running = await startDevServerProcess(options);
      },
      async stop() {
        await running?.stop();
        running = undefined;
      },
      remove: () => server.stop(),
    };
    try {
      await server.start();
      return server;
    } catch (error) {
      if (attempt === 3) throw error;
      log.warn({ attempt, error: String(error) }, 'the dev server did not start; trying again on other ports');
    }
  }
}

/** A real server of `kind` that a test can stop and start again (fault tests), in a temporary folder. */
export async function startRestartableServer(
  kind: RealServer,
  options: { ui?: boolean } = {},
): Promise<RestartableServer> {
  const root = await mkdtemp(join(tmpdir(), `journey-${kind}-`));
  const server = await (
    kind === 'cluster' ? startRestartableCluster(root, options) : startRestartableDevServer(root)
  ).catch(async (error: unknown) => {
    await rm(root, { recursive: true, force: true });
    throw error;
  });
  const remove = server.remove;
  server.remove = async () => {
    await remove();
    await rm(root, { recursive: true, force: true });
  };
  return server;
}

/** A real Temporal server of `kind` as a test environment; its teardown stops the server. */
export async function startRealServer(
  kind: RealServer,
  options: { ui?: boolean; dataConverter?: DataConverter } = {},
): Promise<TestWorkflowEnvironment & { cluster?: RestartableServer; webUiUrl?: string }> {
  if (kind === 'dev') return startDevServer(options.dataConverter, options);
  quietSdk();
  const server = await startRestartableServer('cluster', options);
  const env = await TestWorkflowEnvironment.createFromExistingServer({
    address: server.address,
    client: { dataConverter: options.dataConverter },
  }).catch(async (error: unknown) => {
    await server.remove();
    throw error;
  });
  const closeConnections = env.teardown.bind(env);
  // The environment's own teardown only closes its connections to a server it did not start.
  return Object.assign(env, {
    cluster: server,
    teardown: async () => {
      await closeConnections();
      await server.remove();
    },
  });
}
