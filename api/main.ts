import { collectDefaultMetrics, Registry } from 'prom-client';
import { ConfigError, loadConfig, requireMasterKeys } from '../platform/config';
import { createPrismaClient } from '../platform/database';
import { runMain } from '../platform/main';
import { assertDatabaseReachable } from '../platform/preflight';
import { connectClient } from '../platform/temporal';
import { applyMigrations } from '../prisma/migrate';
import { createProtection } from '../platform/protection';
import { compressedSchedule } from '../workflows/schedule';
import { startMetricsServer } from '../platform/metrics-server';
import { createApp } from './app';
import { registerBusinessMetrics } from './reports/business-metrics';
import { Auth } from './staff-access/auth';
import { JourneyService } from './journeys/journey-service';
import { rebuildMissingRecords } from './journeys/stored-journeys';
import { keepRetentionPolicy } from './journeys/retention';

runMain('api', async (log) => {
  const config = loadConfig();
  const masterKeys = requireMasterKeys(config);
  await assertDatabaseReachable(config.DATABASE_URL);
  await applyMigrations(config.DATABASE_URL, log);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const protection = createProtection(prisma, masterKeys);
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  registerBusinessMetrics(metrics, prisma, log, config.BUSINESS_METRICS_MAX_AGE_MS);
  const metricsServer = config.API_METRICS_PORT
    ? await startMetricsServer(config.HOST, config.API_METRICS_PORT, metrics, 'API_METRICS_PORT', log)
    : undefined;
  const client = await connectClient(config, protection.dataConverter);

  if (!config.ACTIVATION_API_TOKEN) log.warn('ACTIVATION_API_TOKEN is not set: every activation request is refused');
  const journeys = new JourneyService({
    client,
    prisma,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    secrets: protection.secrets,
    sealed: protection.sealed,
    keys: protection.keys,
    catalogReloadMs: config.CATALOG_RELOAD_MS,
    controlGroup: { share: config.CONTROL_GROUP_SHARE, touch: config.CONTROL_GROUP_TOUCH },
    ...(config.JOURNEY_DAY_SECONDS
      ? {
          schedule: compressedSchedule(config.JOURNEY_DAY_SECONDS * 1_000, {
            real: config.JOURNEY_SIMULATED_REAL_START,
            simulated: config.JOURNEY_SIMULATED_START,
          }),
        }
      : {}),
  });
  if (config.JOURNEY_DAY_SECONDS)
    log.warn({ daySeconds: config.JOURNEY_DAY_SECONDS }, 'demonstration schedule: compressed days');
  if (config.CONTROL_GROUP_SHARE > 0)
    log.info(
      { share: config.CONTROL_GROUP_SHARE, touch: config.CONTROL_GROUP_TOUCH },
      'control group: standard subscribers held out of a touch',
    );

  const app = createApp({
    log,
    metrics,
    prisma,
    protection,
    journeys,
    auth: new Auth(prisma, { activationToken: config.ACTIVATION_API_TOKEN, publicUrl: config.PUBLIC_URL }),
    trustProxy: config.TRUST_PROXY,
    smsInboundToken: config.SMS_INBOUND_TOKEN,
    temporalUiUrl: config.TEMPORAL_UI_URL,
    readinessChecks: {
      database: () => prisma.$queryRaw`SELECT 1`,
      temporal: () => client.connection.workflowService.getSystemInfo({}),
    },
  });
  const server = app.listen(config.API_PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error) =>
      reject(new ConfigError('API_PORT', `cannot listen on ${config.HOST}:${config.API_PORT}: ${error.message}`)),
    );
  });
  log.info(
    {
      url: `http://${config.HOST}:${config.API_PORT}`,
      ...(metricsServer ? { metrics: `http://${config.HOST}:${config.API_METRICS_PORT}/metrics` } : {}),
    },
    'api ready',
  );

  const stopRebuilding = rebuildMissingRecords(prisma, (subscriberId) => journeys.state(subscriberId), log);
  const stopRetention = keepRetentionPolicy(
    { prisma, keys: protection.keys, journeys },
    config.PERSONAL_DATA_RETENTION_DAYS,
    log,
  );

  const shutdown = (signal: string) => {
    log.info({ signal }, 'api stopping: finishing in-flight requests');
    stopRebuilding();
    stopRetention();
    metricsServer?.close();
    server.close(async () => {
      await prisma.$disconnect();
      await client.connection.close();
      log.info('api stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
});
