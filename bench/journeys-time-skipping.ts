/**
 * Whole 90-day journeys under time skipping: wall time and journeys per second for 1, 10 and 100
 * journeys run side by side (sizes by `--sizes 1,10,100`), staff completing every task through the
 * update as its day comes: coaching on day 0, the follow-up call on day 4, telemarketing on day 30,
 * then day 90. Java time-skipping server, embedded PostgreSQL, the real workflow and activities in
 * this process.
 *
 * The bench talks to the Java server one call at a time; the workflows still run side by side on the
 * worker. Awaiting two results at once unbalances the server's time-skipping lock (each `result()`
 * unlocks it while it waits): the server then answers with an error too large for a gRPC header and
 * the run hangs. Starts and completions are serial too, as the server is known to mishandle
 * concurrent calls around workflow tasks.
 *
 *   npm run bench:journeys [-- --sizes 1,10,100]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { onboardingJourney } from '../workflows/journey';
import { completeTask } from '../workflows/messages';
import { type JourneySummary } from '../workflows/state';
import type { TaskActor, TaskOutcome, TaskType } from '../workflows/tasks';
import { writeBarChart, writeResult } from './report';
import {
  createBenchWorker,
  positiveInteger,
  round,
  startBenchDatabase,
  startTimeSkipping,
  waitForCount,
  type BenchDatabase,
} from './stack';
import { activation, demoActor, journeyInput } from './subscribers';
import { startJourney } from '../platform/start-journey';
import { executeStaffUpdate } from '../platform/staff-update';

const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '1,10,100' } } });
const sizes = args.sizes.split(',').map((size) => positiveInteger('sizes', size));
const DAY = 86_400_000;
/** Lands clear of the timers due on the day, which the Java server mishandles (docs/known-issues.md#the-java-time-skipping-test-server-tests-only). */
const PAST_THE_DAY = 60_000;

interface Run {
  env: TestWorkflowEnvironment;
  database: BenchDatabase;
  /** Prefix of this size's subscriber ids, so each size finds only its own tasks. */
  prefix: string;
  size: number;
}

async function startJourneys({ env, prefix, size }: Run, taskQueue: string, msisdnBase: number): Promise<string[]> {
  const activatedAt = new Date(await env.currentTimeMs()).toISOString();
  const ids: string[] = [];
  for (let i = 0; i < size; i++) {
    const subscriberId = `${prefix}${i}`;
    const body = activation(subscriberId, `135${String(msisdnBase + i).padStart(8, '0')}`);
    // Activated now on the server's clock, which earlier sizes have moved on by 90 days each.
    const handle = await startJourney(env.client, taskQueue, journeyInput({ ...body, activatedAt }));
    ids.push(handle.workflowId);
  }
  return ids;
}

/** As staff do: wait for every journey's open task of `type` in the inbox table, then complete each. */
async function completeAll<T extends TaskType>(
  { env, database, prefix, size }: Run,
  type: T,
  actor: TaskActor,
  outcome: (payload: Record<string, unknown>) => TaskOutcome<T>,
): Promise<void> {
  const where = { type, status: 'open' as const, subscriberId: { startsWith: prefix } };
  await waitForCount(`open ${type} tasks`, () => database.prisma.task.count({ where }), size);
  const tasks = await database.prisma.task.findMany({ where, select: { id: true, journeyId: true, payload: true } });
  for (const task of tasks) {
    await executeStaffUpdate(env.client.workflow.getHandle<typeof onboardingJourney>(task.journeyId), completeTask, {
      taskId: task.id,
      actor,
      outcome: outcome(task.payload as Record<string, unknown>),
    });
  }
}

async function runJourneys(run: Run, taskQueue: string, msisdnBase: number): Promise<JourneySummary[]> {
  const ids = await startJourneys(run, taskQueue, msisdnBase);
  await completeAll(run, 'onboarding_coaching', demoActor('S-STORE-JN001'), (p) => ({
    checklist: Object.fromEntries((p.checklist as string[]).map((item) => [item, { done: true as const }])),
  }));
  await run.env.sleep(4 * DAY + PAST_THE_DAY);
  await completeAll(run, 'first_followup_call', demoActor('S-FOLLOWUP'), () => ({
    result: 'reached',
    issues: [],
  }));
  await run.env.sleep(26 * DAY + PAST_THE_DAY);
  await completeAll(run, 'vas_telemarketing', demoActor('S-TELEMARKETING'), () => ({
    result: 'declined',
  }));
  // One at a time (see above): the first lets the server skip to day 90, where every journey ends.
  const summaries: JourneySummary[] = [];
  for (const id of ids) summaries.push(await run.env.client.workflow.getHandle<typeof onboardingJourney>(id).result());
  return summaries;
}

async function measure(env: TestWorkflowEnvironment, database: BenchDatabase, size: number, msisdnBase: number) {
  const taskQueue = `bench-${randomBytes(3).toString('hex')}`;
  const worker = await createBenchWorker(env.nativeConnection, taskQueue, database.prisma);
  const running = worker.run();
  try {
    const started = performance.now();
    const summaries = await runJourneys({ env, database, prefix: `TS-${taskQueue}-`, size }, taskQueue, msisdnBase);
    const wallSeconds = (performance.now() - started) / 1000;
    const failed = summaries.filter((s) => s.status !== 'completed' || s.tasksByStatus.completed !== 3);
    if (failed.length > 0) throw new Error(`${failed.length} journeys did not complete their 3 tasks`);
    return { journeys: size, wallSeconds: round(wallSeconds), journeysPerSecond: round(size / wallSeconds) };
  } finally {
    worker.shutdown();
    await running;
  }
}

async function main(): Promise<void> {
  const database = await startBenchDatabase();
  const env = await startTimeSkipping(database.prisma);
  const results: Awaited<ReturnType<typeof measure>>[] = [];
  try {
    for (const size of sizes) {
      const figures = await measure(
        env,
        database,
        size,
        results.reduce((sum, r) => sum + r.journeys, 0),
      );
      results.push(figures);
      process.stdout.write(
        `${String(size).padStart(4)} journeys: ${figures.wallSeconds.toFixed(2)} s wall, ${figures.journeysPerSecond.toFixed(2)} journeys/s\n`,
      );
    }
    process.stdout.write(`result: ${await writeResult('journeys-time-skipping', results)}\n`);
    const chart = await writeBarChart(
      'journeys-time-skipping',
      'Whole 90-day journeys under time skipping',
      'journeys per second',
      [
        {
          name: 'journeys/s',
          bars: results.map((r) => ({ label: `${r.journeys} journeys`, value: r.journeysPerSecond })),
        },
      ],
    );
    process.stdout.write(`chart: ${chart}\n`);
  } finally {
    await env.teardown();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
