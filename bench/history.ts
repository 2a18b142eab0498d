/**
 * History size: the events of one journey for each of the three shapes recorded under test/histories
 * (nobody completes anything; the subscriber leaves on day 45; a gold postpaid VIP nobody serves, with
 * usage and a hotline hang-up), run now with today's code on the time-skipping server, started as the
 * API starts them (the plan in the input). Prints each count against the limit of 400 events.
 *
 * Java time-skipping server, embedded PostgreSQL, the real workflow and activities in this process.
 *
 *   npm run bench:history
 *   npm run bench:history -- --record <label>   # also saves each as test/histories/<label>-<shape>.json
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { toPlanTerms } from '../activities/catalog';
import { hotlineAbnormalHangup, journeyState, subscriberLeft, usageReported, vipRated } from '../workflows/messages';
import { type JourneyInput } from '../workflows/state';
import { writeBarChart, writeResult } from './report';
import { benchMasterKeys, createBenchWorker, startBenchDatabase, startTimeSkipping, type BenchDatabase } from './stack';
import { historyPayloads } from '../platform/payload-codec';
import { createProtection } from '../platform/protection';
import { activation, journeyInput, recordSubscribers } from './subscribers';
import { startJourney } from '../platform/start-journey';

const { values: args } = parseArgs({ options: { record: { type: 'string' } } });

const DAY = 86_400_000;
const LIMIT = 400;
/** Lands clear of the timers due on the day, which the Java server mishandles (docs/known-issues.md#the-java-time-skipping-test-server-tests-only). */
const PAST_THE_DAY = 60_000;

type Handle = Awaited<ReturnType<TestWorkflowEnvironment['client']['workflow']['start']>>;

interface Shape {
  name: string;
  input(activatedAt: string, subscriberId: string, msisdn: string): Partial<JourneyInput['subscriber']>;
  drive(env: TestWorkflowEnvironment, handle: Handle): Promise<void>;
}

const shapes: Shape[] = [
  { name: 'nobody-completes-anything', input: () => ({}), drive: async () => undefined },
  {
    name: 'subscriber-left-day-45',
    input: () => ({}),
    async drive(env, handle) {
      await env.sleep(45 * DAY + PAST_THE_DAY);
      // The telemarketing task of day 30 is open (activities run in real time): then the subscriber leaves.
      for (;;) {
        const state = await handle.query(journeyState);
        if (state.tasks.some((task) => task.type === 'vas_telemarketing' && task.status === 'open')) break;
        await new Promise((done) => setTimeout(done, 50));
      }
      await handle.signal(subscriberLeft, { reason: '携号转网' });
    },
  },
  {
    name: 'vip-gold-postpaid-nobody-completes',
    input: (activatedAt) => ({
      paymentType: 'postpaid',
      firstPaymentDueAt: new Date(Date.parse(activatedAt) + 25 * DAY).toISOString(),
    }),
    async drive(env, handle) {
      await env.sleep(2 * DAY + PAST_THE_DAY);
      await handle.signal(vipRated, { tier: 'gold' });
      await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 600, dataMB: 50, sms: 5 });
      await handle.signal(hotlineAbnormalHangup, { at: new Date(await env.currentTimeMs()).toISOString() });
    },
  },
];

async function eventsOf(env: TestWorkflowEnvironment, database: BenchDatabase, shape: Shape, index: number) {
  const taskQueue = `history-${randomBytes(3).toString('hex')}`;
  const worker = await createBenchWorker(env.nativeConnection, taskQueue, database.prisma);
  const running = worker.run();
  try {
    const activatedAt = new Date(await env.currentTimeMs()).toISOString();
    const subscriberId = `HIST-${taskQueue}`;
    const body = { ...activation(subscriberId, `137${String(index).padStart(8, '0')}`), activatedAt };
    const subscriber = { ...body, ...shape.input(activatedAt, subscriberId, body.msisdn) };
    await recordSubscribers(database.prisma, [subscriber]);
    const plan = toPlanTerms(await database.prisma.plan.findUniqueOrThrow({ where: { code: subscriber.planCode } }));
    const handle = await startJourney(env.client, taskQueue, { ...journeyInput(subscriber), plan });
    await shape.drive(env, handle);
    const summary = await handle.result();
    const history = await handle.fetchHistory();
    if (args.record) await recordForReplay(database, `${args.record}-${shape.name}`, history);
    return { shape: shape.name, status: summary.status, events: history.events?.length ?? 0 };
  } finally {
    worker.shutdown();
    await running;
  }
}

/**
 * Saves `history` under test/histories/ for the replay test, its payloads decrypted: the replay runs
 * without the run's keys, and the subscribers are this benchmark's invented ones.
 */
async function recordForReplay(database: BenchDatabase, name: string, history: temporal.api.history.v1.IHistory) {
  const { History } = temporal.api.history.v1;
  const copy = History.decode(History.encode(history).finish());
  const payloads = historyPayloads(copy);
  const decoded = await createProtection(database.prisma, benchMasterKeys).codec.decode(payloads);
  payloads.forEach((payload, index) => Object.assign(payload, decoded[index]));
  const json = History.toObject(copy, { longs: String, enums: String, bytes: String });
  const path = join(__dirname, '..', 'test', 'histories', `${name}.json`);
  await writeFile(path, `${JSON.stringify(json, null, 1)}\n`);
  process.stdout.write(`  recorded ${path}\n`);
}

async function main(): Promise<void> {
  const database = await startBenchDatabase();
  const env = await startTimeSkipping(database.prisma);
  try {
    const results = [];
    for (const [index, shape] of shapes.entries()) {
      const figures = await eventsOf(env, database, shape, index);
      results.push(figures);
      process.stdout.write(
        `  ${figures.shape.padEnd(36)} ${String(figures.events).padStart(4)} events (${figures.status}; limit ${LIMIT})\n`,
      );
    }
    const over = results.filter((r) => r.events > LIMIT);
    process.stdout.write(
      over.length ? `OVER THE LIMIT: ${over.map((r) => r.shape).join(', ')}\n` : 'all within the limit\n',
    );
    process.stdout.write(`result: ${await writeResult('history', { limit: LIMIT, results })}\n`);
    const chart = await writeBarChart('history', 'Events per journey history', 'events', [
      { name: 'events', bars: results.map((r) => ({ label: r.shape, value: r.events })) },
    ]);
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
