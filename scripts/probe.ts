/**
 * `npm run probe`: runs the platform probe workflow through the configured Temporal and prints what
 * it proved. Use it after a deployment: it fails unless a worker polls the task queue and reaches
 * PostgreSQL.
 */
import { loadConfig, requireMasterKeys } from '../platform/config';
import { createPrismaClient } from '../platform/database';
import { runMain } from '../platform/main';
import { createProtection } from '../platform/protection';
import { connectClient } from '../platform/temporal';
import type { platformProbe } from '../workflows/probe';

runMain('probe', async (log) => {
  const config = loadConfig();
  const prisma = createPrismaClient(config.DATABASE_URL);
  const client = await connectClient(config, createProtection(prisma, requireMasterKeys(config)).dataConverter);
  const started = Date.now();
  const result = await client.workflow.execute<typeof platformProbe>('platformProbe', {
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowId: `platform-probe-${started}`,
    workflowExecutionTimeout: '30 seconds',
  });
  log.info({ ...result, elapsedMs: Date.now() - started }, 'probe completed');
  await client.connection.close();
  await prisma.$disconnect();
});
