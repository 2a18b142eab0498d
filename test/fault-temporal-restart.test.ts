import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { testProtection } from './support/keys';
import { onboardingJourney } from '../workflows/journey';
import { completeTask, journeyState } from '../workflows/messages';
import { executeStaffUpdate } from '../platform/staff-update';
import { compressedSchedule } from '../workflows/schedule';
import { journeyWorkflowId } from '../workflows/state';
import type { TaskActor, TaskOutcome, TaskType, JourneyTask } from '../workflows/tasks';
import { activationProfile, allDone, staff, waitForTask } from './support/journey-harness';
import { createTestDatabase } from './support/postgres';
import { freePort, startProjectProcess, waitForOk, type ProjectProcess } from './support/processes';
import { startRestartableServer, type RealServer, type RestartableServer } from './support/servers';

type Handle = WorkflowHandle<typeof onboardingJourney>;

// Fault: the Temporal server stops mid-journey and starts again on its storage: the dev server on its
// SQLite file as `npm start` runs it, the cluster on its PostgreSQL as `npm run start:cluster` runs it
// (schema setup run again, shards taken over again). The worker process rides through the outage;
// every journey goes on from where it was: staff complete tasks before and after, no SMS goes out
// twice, every task ends once.
describe.each<[string, RealServer]>([
  ['the Temporal dev server', 'dev'],
  ['the Temporal cluster', 'cluster'],
])('fault: %s restarts mid-journey', (_name, kind) => {
  const journeys = 4;
  // Days of 400 ms: the outage falls between the coaching (day 0) and telemarketing (day 30) moments.
  const schedule = compressedSchedule(400);
  const taskQueue = `fault-temporal-restart-${kind}`;
  let server: RestartableServer;
  let connection: Connection;
  let client: Client;
  let prisma: PrismaClient;
  let worker: ProjectProcess;

  beforeAll(async () => {
    server = await startRestartableServer(kind);
    const databaseUrl = await createTestDatabase();
    prisma = createPrismaClient(databaseUrl);
    const healthPort = await freePort();
    worker = startProjectProcess('workers/main.ts', {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: server.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      WORKER_HEALTH_PORT: String(healthPort),
    });
    await waitForOk(`http://127.0.0.1:${healthPort}/readyz`, worker, 120_000);
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection, dataConverter: testProtection(prisma).dataConverter });
  }, 150_000);

  afterAll(async () => {
    if (worker?.child.exitCode === null) worker.child.kill('SIGKILL');
    await connection?.close();
    await prisma?.$disconnect();
    await server?.remove();
  });

  async function complete(handle: Handle, type: TaskType, actor: TaskActor, outcome: (task: JourneyTask) => unknown) {
    const task = await waitForTask(handle, type, { patienceMs: 30_000 });
    await executeStaffUpdate(handle, completeTask, { taskId: task.id, actor, outcome: outcome(task) as TaskOutcome });
  }

  it('journeys continue after the restart: tasks completed before and after, SMS once, tasks once', async () => {
    const activatedAt = new Date().toISOString();
    const handles = await Promise.all(
      Array.from({ length: journeys }, (_, index) => {
        const subscriber = activationProfile({
          subscriberId: `RESTART-${Date.now().toString(36)}-${index}`,
          msisdn: `135${String(index).padStart(8, '0')}`,
          activatedAt,
        });
        return client.workflow.start(onboardingJourney, {
          workflowId: journeyWorkflowId(subscriber.subscriberId),
          taskQueue,
          args: [{ subscriber, schedule }],
        });
      }),
    );
    await Promise.all(handles.map((h) => complete(h, 'onboarding_coaching', staff.storeClerk, allDone)));

    await server.stop();
    await new Promise((done) => setTimeout(done, 3_000));
    await server.start();

    // The journeys reach telemarketing (day 30) on the restarted server and take completions there.
    await Promise.all(
      handles.map((h) =>
        complete(h, 'vas_telemarketing', staff.telemarketing, () => ({ result: 'declined' as const })),
      ),
    );
    const summaries = await Promise.all(handles.map((h) => h.result()));
    expect(worker.child.exitCode).toBe(null);
    for (const [index, summary] of summaries.entries()) {
      expect(summary.status).toBe('completed');
      const byType = Object.fromEntries(summary.tasks.map((task) => [task.type, task.status]));
      expect(byType).toMatchObject({ onboarding_coaching: 'completed', vas_telemarketing: 'completed' });
      expect(summary.momentsReached).toEqual(
        expect.arrayContaining(['first_followup', 'service_recommendation', 'plan_fit', 'completed']),
      );

      const state = await handles[index]!.query(journeyState);
      const keys = state.sms.map((sms) => sms.idempotencyKey);
      expect(new Set(keys).size).toBe(keys.length);
      const outbox = await prisma.smsMessage.findMany({ where: { subscriberId: state.subscriber.subscriberId } });
      expect(outbox.map((row) => row.idempotencyKey).sort()).toEqual([...keys].sort());
      const rows = await prisma.task.findMany({ where: { journeyId: state.journeyId } });
      expect(rows.map((row) => [row.id, row.status]).sort()).toEqual(
        state.tasks.map((task) => [task.id, task.status]).sort(),
      );
    }
  }, 150_000);
});
