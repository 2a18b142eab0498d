import { ConfigError, loadConfig } from '../platform/config';
import { createPrismaClient } from '../platform/database';
import { runMain } from '../platform/main';
import { assertDatabaseReachable } from '../platform/preflight';
import { connectClient } from '../platform/temporal';
import { applyMigrations } from '../prisma/migrate';
import { createApp } from './app';

runMain('api', async (log) => {
  const config = loadConfig();
  await assertDatabaseReachable(config.DATABASE_URL);
  await applyMigrations(config.DATABASE_URL, log);
  const client = await connectClient(config);
  const prisma = createPrismaClient(config.DATABASE_URL);

  const app = createApp({
    log,
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
  log.info({ url: `http://${config.HOST}:${config.API_PORT}` }, 'api ready');

  const shutdown = (signal: string) => {
    log.info({ signal }, 'api stopping: finishing in-flight requests');
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
