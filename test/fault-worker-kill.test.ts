import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { journeyState } from '../workflows/messages';
import { compressedSchedule } from '../workflows/schedule';
import { activationProfile } from './support/journey-harness';
import { createTestDatabase } from './support/postgres';
import { freePort, startProjectProcess, waitForOk, type ProjectProcess } from './support/processes';
import { testProtection } from './support/keys';
import { startRealServer, type RealServer } from './support/servers';
import { LoopbackSmsGateway } from '../simulator/sms-gateway';
import { startJourney } from '../platform/start-journey';

// Fault: the worker process is SIGKILLed while journeys are sending SMS and opening tasks. A new
// worker takes over; every journey goes on to its end, no SMS goes out twice and no task is lost or
// doubled. Real PostgreSQL, the worker as its own process, an HTTP SMS gateway that takes 200 ms to
// answer (so sends are in flight when the worker dies); on the dev server and on the cluster.
describe.each<[string, RealServer]>([
  ['the dev server', 'dev'],
  ['the cluster', 'cluster'],
])('fault: the worker is killed mid-journey on %s', (_name, kind) => {
  const journeys = 12;
  // Days of 600 ms: a journey lasts 54 s, longer than the 30 s after which an activity of the dead
  // worker times out and is retried by the new one.
  const schedule = compressedSchedule(600);
  let temporal: TestWorkflowEnvironment;
  let prisma: PrismaClient;
  let gateway: LoopbackSmsGateway;
  let env: Record<string, string>;
  const workers: ProjectProcess[] = [];

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    prisma = createPrismaClient(databaseUrl);
    [temporal, gateway] = await Promise.all([
      startRealServer(kind, { dataConverter: testProtection(prisma).dataConverter }),
      LoopbackSmsGateway.start({ failFirst: false, delayMs: 200 }),
    ]);
    env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.connection.options.address,
      TEMPORAL_TASK_QUEUE: `fault-worker-kill-${kind}`,
      SMS_PROVIDER: 'http',
      SMS_GATEWAY_URL: gateway.url,
    };
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await prisma?.$disconnect();
    await gateway?.stop();
    await temporal?.teardown();
  });

  async function startWorker(): Promise<ProjectProcess> {
    const port = await freePort();
    const worker = startProjectProcess('workers/main.ts', { ...env, WORKER_HEALTH_PORT: String(port) });
    workers.push(worker);
    await waitForOk(`http://127.0.0.1:${port}/readyz`, worker, 120_000);
    return worker;
  }

  it('every journey continues on a new worker: each SMS sent once, each task once', async () => {
    const first = await startWorker();
    const now = new Date(await temporal.currentTimeMs()).toISOString();
    const handles = await Promise.all(
      Array.from({ length: journeys }, (_, index) => {
        const subscriber = activationProfile({
          subscriberId: `KILL-${Date.now().toString(36)}-${index}`,
          msisdn: `136${String(index).padStart(8, '0')}`,
          activatedAt: now,
          tier: index % 3 === 0 ? 'gold' : 'standard',
        });
        return startJourney(temporal.client, env.TEMPORAL_TASK_QUEUE!, { subscriber, schedule });
      }),
    );

    // Kill while the activation SMS are at the gateway.
    const deadline = Date.now() + 20_000;
    while (gateway.arrivals.length < journeys / 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const sentBeforeKill = gateway.deliveries.size;
    expect(sentBeforeKill).toBeGreaterThan(0);
    expect(sentBeforeKill).toBeLessThan(journeys * 2);
    await startWorker();

    const summaries = await Promise.all(handles.map((handle) => handle.result()));
    expect(summaries.map((summary) => summary.status)).toEqual(Array(journeys).fill('completed'));
    // The new worker did send: requests reached the gateway after the kill, and a send the dead
    // worker had in flight was sent again with its key, and delivered once.
    expect(gateway.arrivals.some((at) => at > killedAt)).toBe(true);
    expect([...gateway.requests.values()].some((count) => count > 1)).toBe(true);

    for (const handle of handles) {
      const state = await handle.query(journeyState);
      const outbox = await prisma.smsMessage.findMany({ where: { subscriberId: state.subscriber.subscriberId } });
      const keys = state.sms.map((sms) => sms.idempotencyKey);
      // Each SMS once in the journey, once in the outbox, once at the gateway.
      expect(new Set(keys).size).toBe(keys.length);
      expect(outbox.map((row) => row.idempotencyKey).sort()).toEqual([...keys].sort());
      expect(keys.filter((key) => key.endsWith(':sms:welcome'))).toHaveLength(1);
      expect(keys.filter((key) => key.endsWith(':sms:help_menu'))).toHaveLength(1);
      for (const key of keys) expect(gateway.deliveries.has(key)).toBe(true);
      // Each task once, in the journey and the inbox table, in the same final state.
      const rows = await prisma.task.findMany({ where: { journeyId: state.journeyId } });
      expect(rows.map((row) => [row.id, row.status]).sort()).toEqual(
        state.tasks.map((task) => [task.id, task.status]).sort(),
      );
      expect(state.tasks.some((task) => task.type === 'onboarding_coaching')).toBe(true);
    }
    const journeyKeys = new Set(handles.map((handle) => `${handle.workflowId}:`));
    const delivered = [...gateway.deliveries.keys()].filter((key) => [...journeyKeys].some((p) => key.startsWith(p)));
    expect(delivered.length).toBe(await prisma.smsMessage.count());
  }, 150_000);
});
