/**
 * `npm start`: the whole system on one machine. Starts an embedded PostgreSQL unless DATABASE_URL is
 * set and a Temporal dev server (with its Web UI) unless TEMPORAL_ADDRESS is set, applies migrations
 * and seed data, then runs the worker and the API as child processes until Ctrl-C.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { port } from '../platform/config';
import { startDevServer } from '../devtools/dev-server';
import { localSystemVariables, parseStartOptions, startLocalSystem } from './local-system';

startLocalSystem('start', (log) => {
  const options = parseStartOptions({
    ...localSystemVariables,
    DATA_DIR: z.string().default('data'),
    TEMPORAL_DEV_SERVER_PORT: port.default(7233),
  });
  return {
    dataDir: options.DATA_DIR,
    embeddedPostgresPort: options.EMBEDDED_POSTGRES_PORT,
    readyTimeoutMs: options.READY_TIMEOUT_MS,
    async startTemporal() {
      if (process.env.TEMPORAL_ADDRESS) return undefined;
      log.info('starting the Temporal dev server');
      const dataDir = resolve(options.DATA_DIR, 'temporal');
      const server = await startDevServer({
        dataDir,
        ip: '127.0.0.1',
        port: options.TEMPORAL_DEV_SERVER_PORT,
        uiPort: options.TEMPORAL_UI_PORT,
        log,
      });
      return { ...server, description: `dev server (SQLite in ${dataDir})` };
    },
  };
});
