/**
 * The worker of the first-SMS benchmark's baseline workflow: a process like workers/main.ts (same
 * activities, encryption and tuning variables), serving only `firstSmsBaseline`.
 */
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { outboxProvider } from '../../activities/sms-provider';
import { loadConfig, requireMasterKeys } from '../../platform/config';
import { createPrismaClient } from '../../platform/database';
import { startHealthServer } from '../../platform/health-server';
import { runMain } from '../../platform/main';
import { createProtection } from '../../platform/protection';
import { connectWorker } from '../../platform/temporal';

runMain('baseline-worker', async (log) => {
  const config = loadConfig();
  const connection = await connectWorker(config);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const protection = createProtection(prisma, requireMasterKeys(config));
  const worker = await Worker.create({
    connection,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowsPath: require.resolve('./workflows'),
    dataConverter: protection.dataConverter,
    activities: createActivities({ prisma, smsProvider: outboxProvider, protection }),
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskPolls: config.WORKER_WORKFLOW_TASK_POLLERS,
    maxConcurrentActivityTaskPolls: config.WORKER_ACTIVITY_TASK_POLLERS,
    nonStickyToStickyPollRatio: config.WORKER_NON_STICKY_POLL_RATIO,
  });
  const health = await startHealthServer(config.HOST, config.WORKER_HEALTH_PORT, {}, () => true, log);
  await worker.run();
  health.close();
  await prisma.$disconnect();
  await connection.close();
});
