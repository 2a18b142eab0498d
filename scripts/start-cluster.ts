/**
 * `npm run start:cluster`: the whole system on the production topology of Temporal. Starts an
 * embedded PostgreSQL unless DATABASE_URL is set, then the real Temporal server on that PostgreSQL
 * (databases `temporal` and `temporal_visibility`, schema set up or upgraded by Temporal's SQL tool,
 * 16 history shards, deploy/temporal/dynamicconfig.yaml), its Web UI, the namespace with the journey's
 * search attributes, then the worker and the API as `npm start` does, until Ctrl-C. Everything
 * persists in PostgreSQL: a restart finds the journeys where they were; finished journeys' histories
 * are archived in DATA_DIR/temporal/archive (TEMPORAL_ARCHIVE_DIR). See docs/production.md.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig, port } from '../platform/config';
import { maxMembershipPort, standardClusterPorts, startTemporalCluster } from '../devtools/temporal-cluster';
import { localSystemVariables, parseStartOptions, startLocalSystem } from './local-system';

startLocalSystem('start-cluster', (log) => {
  const options = parseStartOptions({
    ...localSystemVariables,
    DATA_DIR: z.string().default('data/cluster'),
    // Its services' ports lie around it (standardClusterPorts); membership ports must stay below 32768.
    TEMPORAL_FRONTEND_PORT: port
      .min(301)
      .max(maxMembershipPort + 300)
      .default(7233),
    TEMPORAL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    // Unset: DATA_DIR/temporal/archive (startTemporalCluster's default).
    TEMPORAL_ARCHIVE_DIR: z.string().min(1).optional(),
  });
  if (process.env.TEMPORAL_ADDRESS) {
    throw new ConfigError(
      'TEMPORAL_ADDRESS',
      'is set, but start:cluster runs its own Temporal server (its frontend port is TEMPORAL_FRONTEND_PORT); unset it, or use npm start to run against an existing Temporal',
    );
  }
  const { TEMPORAL_NAMESPACE } = loadConfig();
  return {
    dataDir: options.DATA_DIR,
    embeddedPostgresPort: options.EMBEDDED_POSTGRES_PORT,
    readyTimeoutMs: options.READY_TIMEOUT_MS,
    async startTemporal(postgresUrl) {
      log.info('starting the Temporal cluster');
      const ports = standardClusterPorts(options.TEMPORAL_FRONTEND_PORT);
      const cluster = await startTemporalCluster({
        dataDir: resolve(options.DATA_DIR, 'temporal'),
        archiveDir: options.TEMPORAL_ARCHIVE_DIR && resolve(options.TEMPORAL_ARCHIVE_DIR),
        postgresUrl,
        ip: '127.0.0.1',
        ports,
        uiPort: options.TEMPORAL_UI_PORT,
        namespace: TEMPORAL_NAMESPACE,
        retentionDays: options.TEMPORAL_RETENTION_DAYS,
        log,
      });
      const { serverVersion, historyShardCount, persistenceStore } = cluster.info;
      const description = `cluster: server ${serverVersion}, ${historyShardCount} history shards, ${persistenceStore} (databases temporal, temporal_visibility); logs in ${options.DATA_DIR}/temporal; histories archived in ${cluster.archiveDir}; metrics http://127.0.0.1:${ports.metrics}/metrics`;
      return { ...cluster, description };
    },
  };
});
