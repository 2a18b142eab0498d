import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime } from '@temporalio/worker';
import { allSearchAttributeKeys } from '../workflows/search-attributes';
import type { Logger } from '../platform/logger';
import { CODEC_PATH, TEMPORAL_WEB_UI_PATH } from '../platform/web-ui-paths';
import { startServerProcess, waitForFrontend } from './server-process';
import { resolveDevServer } from './temporal-binaries';

/** A running Temporal dev server owned by this process. */
export interface DevServer {
  address: string;
  webUiUrl: string;
  stop(): Promise<void>;
}

/** Where and how to run the dev server; `dataDir` keeps its SQLite file so journeys survive a restart. */
export interface DevServerOptions {
  dataDir: string;
  ip: string;
  port: number;
  uiPort: number;
  log: Logger;
}

/** `temporal server start-dev` arguments: persistent SQLite, the Web UI, the journey's search attributes. */
function devServerArgs({ dataDir, ip, port, uiPort }: DevServerOptions): string[] {
  return [
    'server',
    'start-dev',
    '--db-filename',
    join(dataDir, 'temporal.db'),
    '--ip',
    ip,
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    // Served behind the API for engineers, decoding payloads with the API's codec server.
    '--ui-public-path',
    TEMPORAL_WEB_UI_PATH,
    '--ui-codec-endpoint',
    CODEC_PATH,
    '--log-format',
    'json',
    '--log-level',
    'warn',
    ...allSearchAttributeKeys.flatMap((key) => ['--search-attribute', `${key.name}=Keyword`]),
    // The settings Temporal's own stress CI uses for the SQLite store: fewer fsyncs, no reader stalls.
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
  ];
}

/**
 * Starts `temporal server start-dev` persisting to `<dataDir>/temporal.db`, with the Web UI and the
 * journey's search attributes, and waits until it answers. Its log goes to `<dataDir>/server.log`.
 * The server is this process's child: it is stopped by {@link DevServer.stop} and, as a last
 * resort, when this process exits.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { dataDir, ip, port, uiPort, log } = options;
  await mkdir(dataDir, { recursive: true });
  const executable = await resolveDevServer(log);
  const address = `${ip}:${port}`;
  const webUiUrl = `http://${ip}:${uiPort}`;

  if (executable.type === 'cached-download') {
    // Online machines only: the SDK downloads the CLI and runs it.
    Runtime.install({ shutdownSignals: [] });
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable,
        dbFilename: join(dataDir, 'temporal.db'),
        ip,
        port,
        ui: true,
        uiPort,
        searchAttributes: allSearchAttributeKeys,
        extraArgs: ['--ui-public-path', TEMPORAL_WEB_UI_PATH, '--ui-codec-endpoint', CODEC_PATH],
      },
    });
    return { address, webUiUrl, stop: () => env.teardown() };
  }

  const server = await startServerProcess(executable.path, devServerArgs(options), {
    env: {},
    logFile: join(dataDir, 'server.log'),
  });
  try {
    await waitForFrontend(address, server);
  } catch (error) {
    await server.stop();
    throw error;
  }
  log.info({ address, webUiUrl, log: server.logFile }, 'Temporal dev server ready');
  return { address, webUiUrl, stop: () => server.stop() };
}
