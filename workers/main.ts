import { DefaultLogger, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { createActivities } from '../activities';
import { httpGatewayProvider, outboxProvider } from '../activities/sms-provider';
import { loadConfig, requireMasterKeys, type Config } from '../platform/config';
import { createPrismaClient } from '../platform/database';
import { startHealthServer } from '../platform/health-server';
import { assertPortFree } from '../platform/metrics-server';
import { encryptLegacyOutbox } from '../platform/legacy-data';
import { createProtection } from '../platform/protection';
import type { Logger } from '../platform/logger';
import { runMain } from '../platform/main';
import { assertDatabaseReachable } from '../platform/preflight';
import { connectWorker } from '../platform/temporal';
import { applyMigrations } from '../prisma/migrate';
import { preloadModules, workflowInterceptorModules } from './workflow-bundle';

/**
 * Sends the SDK's own log lines through the process's JSON logger, and serves the SDK's own metrics
 * (workflow and activity task latencies, slots, sticky cache, polls) on the core runtime's Prometheus
 * endpoint, unless WORKER_METRICS_PORT is 0.
 */
function installSdkRuntime(log: Logger, config: Config): void {
  const sdkLog = log.child({ component: 'temporal-sdk' });
  Runtime.install({
    ...(config.WORKER_METRICS_PORT
      ? {
          telemetryOptions: {
            metrics: { prometheus: { bindAddress: `${config.HOST}:${config.WORKER_METRICS_PORT}` } },
          },
        }
      : {}),
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => {
      const method = ({ TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const)[
        level as LogLevel
      ];
      sdkLog[method](meta ?? {}, message);
    }),
  });
}

runMain('worker', async (log) => {
  const config = loadConfig();
  const masterKeys = requireMasterKeys(config);
  await assertDatabaseReachable(config.DATABASE_URL);
  await applyMigrations(config.DATABASE_URL, log);
  if (config.WORKER_METRICS_PORT) await assertPortFree(config.HOST, config.WORKER_METRICS_PORT, 'WORKER_METRICS_PORT');
  installSdkRuntime(log, config);
  const connection = await connectWorker(config);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const protection = createProtection(prisma, masterKeys);
  await encryptLegacyOutbox(prisma, protection.sealed, log);

  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowsPath: require.resolve('../workflows'),
    bundlerOptions: { preloadModules },
    interceptors: { workflowModules: workflowInterceptorModules },
    dataConverter: protection.workerDataConverter,
    activities: createActivities({
      prisma,
      smsProvider:
        config.SMS_PROVIDER === 'http'
          ? httpGatewayProvider(config.SMS_GATEWAY_URL!, config.SMS_GATEWAY_TOKEN, log)
          : outboxProvider,
      protection,
    }),
    // SIGTERM stops polling; activities already running get this long to finish.
    shutdownGraceTime: config.SHUTDOWN_GRACE_MS,
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    ...(config.WORKER_POLLER_AUTOSCALING_MAX
      ? {
          workflowTaskPollerBehavior: { type: 'autoscaling', maximum: config.WORKER_POLLER_AUTOSCALING_MAX },
          activityTaskPollerBehavior: { type: 'autoscaling', maximum: config.WORKER_POLLER_AUTOSCALING_MAX },
        }
      : {
          maxConcurrentWorkflowTaskPolls: config.WORKER_WORKFLOW_TASK_POLLERS,
          maxConcurrentActivityTaskPolls: config.WORKER_ACTIVITY_TASK_POLLERS,
        }),
    nonStickyToStickyPollRatio: config.WORKER_NON_STICKY_POLL_RATIO,
  });

  const health = await startHealthServer(
    config.HOST,
    config.WORKER_HEALTH_PORT,
    {
      database: () => prisma.$queryRaw`SELECT 1`,
      temporal: () => connection.workflowService.getSystemInfo({}),
    },
    () => worker.getState() === 'RUNNING',
    log,
  );
  log.info(
    {
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      health: `http://${config.HOST}:${config.WORKER_HEALTH_PORT}/readyz`,
      ...(config.WORKER_METRICS_PORT ? { metrics: `http://${config.HOST}:${config.WORKER_METRICS_PORT}/metrics` } : {}),
    },
    'worker ready',
  );

  // Resolves once a shutdown signal has drained the worker (the SDK installs the SIGTERM/SIGINT handlers).
  await worker.run();
  health.close();
  await prisma.$disconnect();
  await connection.close();
  log.info('worker stopped');
});
