/**
 * Milestone timer lag: N journeys (default 10,000, `--n`) whose day-4 follow-up falls in one minute,
 * spread evenly over it; each timed from its due instant to its follow-up task row in the inbox table.
 * Against a baseline on the same PostgreSQL in the same run: the same N due rows, due over a later
 * minute, fired by a `SELECT … FOR UPDATE SKIP LOCKED` poller (what operators ran before): `--pollers`
 * connections (default 4), each taking up to `--batch` rows (100) and writing their task rows in one
 * transaction, asking again at once after a full batch and after `--poll-ms` (1,000) otherwise.
 * Prints p50/p99/max of both; goal: our p99 at or below the poller's.
 *
 * The journeys are activated four days before their minute (real days, as in production), so each
 * has already passed its coaching task's due time when it starts (escalated at once). They are all
 * started and settled before the minute; `--lead-minutes` sets how far ahead it lies (by default
 * enough for 10 starts a second). Real server (`--server cluster`, the default, Temporal's data on the
 * same PostgreSQL; or `dev`), one worker process with a sticky cache of `--cache` (default 1,000).
 *
 *   npm run bench:timer-lag [-- --n 10000 --server cluster --pollers 4 --batch 100 --poll-ms 1000]
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { toPlanTerms } from '../activities/catalog';
import { defaultSchedule } from '../workflows/schedule';
import { latencySummary, type LatencySummary } from './latency';
import { loadLine, watchLoad, writeBarChart, writeResult } from './report';
import {
  benchServer,
  inPool,
  positiveInteger,
  round,
  startStack,
  startWorkerProcess,
  waitForCount,
  waitForIdle,
  workerTuning,
  type DevStack,
} from './stack';
import { activation, journeyInput, recordSubscribers } from './subscribers';
import { startJourney } from '../platform/start-journey';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    server: { type: 'string', default: 'cluster' },
    concurrency: { type: 'string', default: '32' },
    cache: { type: 'string', default: '1000' },
    'lead-minutes': { type: 'string' },
    pollers: { type: 'string', default: '4' },
    batch: { type: 'string', default: '100' },
    'poll-ms': { type: 'string', default: '1000' },
  },
});
const n = positiveInteger('n', args.n);
const server = benchServer(args.server);
const concurrency = positiveInteger('concurrency', args.concurrency);
const cache = positiveInteger('cache', args.cache);
const leadMinutes = args['lead-minutes']
  ? positiveInteger('lead-minutes', args['lead-minutes'])
  : Math.ceil(n / 10 / 60) + 2;
const pollers = positiveInteger('pollers', args.pollers);
const batch = positiveInteger('batch', args.batch);
const pollMs = positiveInteger('poll-ms', args['poll-ms']);
const DAY = 86_400_000;
const MINUTE = 60_000;
const followupDay = defaultSchedule.firstFollowup.availableDays;

/** The start of the minute `minutes` whole minutes from now. */
function minuteFromNow(minutes: number): number {
  return Math.ceil((Date.now() + minutes * MINUTE) / MINUTE) * MINUTE;
}

/** Resolves at `instant` (epoch ms), at once if it has passed. */
const untilInstant = (instant: number) => new Promise((done) => setTimeout(done, Math.max(0, instant - Date.now())));

/** The i-th of N due instants, spread evenly over the minute starting at `minute`. */
const dueAt = (minute: number, i: number) => minute + Math.floor((i * MINUTE) / n);

async function ours(stack: DevStack, minute: number) {
  const { prisma } = stack.database;
  const plan = toPlanTerms(await prisma.plan.findUniqueOrThrow({ where: { code: 'A66' } }));
  const bodies = Array.from({ length: n }, (_, i) => ({
    ...activation(`LAG-${i}`, `16${String(i).padStart(9, '0')}`),
    activatedAt: new Date(dueAt(minute, i) - followupDay * DAY).toISOString(),
  }));
  const began = performance.now();
  for (let from = 0; from < n; from += 1_000) {
    const slice = bodies.slice(from, from + 1_000);
    await recordSubscribers(prisma, slice);
    await inPool(slice, concurrency, async (body) => {
      await startJourney(stack.client, stack.taskQueue, { ...journeyInput(body), plan });
    });
    process.stdout.write(`  ${from + slice.length} started (${((performance.now() - began) / 1000).toFixed(0)} s)\n`);
  }
  const coaching = { type: 'onboarding_coaching', escalatedAt: { not: null }, subscriberId: { startsWith: 'LAG-' } };
  await waitForCount('escalated coaching tasks', () => prisma.task.count({ where: coaching }), n, 300_000);
  const settledBeforeDue = Date.now() < minute;
  process.stdout.write(
    `  all started and settled ${settledBeforeDue ? `${((minute - Date.now()) / 1000).toFixed(0)} s before the minute` : 'AFTER the minute began: the figures mix creation and firing'}\n`,
  );
  const followups = { type: 'first_followup_call', subscriberId: { startsWith: 'LAG-' } };
  // The load of the minute and its backlog, not of the journeys' creation before it.
  await untilInstant(minute);
  const load = watchLoad();
  await waitForCount('follow-up tasks', () => prisma.task.count({ where: followups }), n, 600_000);
  const loadRecord = load.stop();
  const rows = await prisma.task.findMany({ where: followups, select: { subscriberId: true, createdAt: true } });
  const lags = rows.map((row) => row.createdAt.getTime() - dueAt(minute, Number(row.subscriberId.slice(4))));
  return {
    settledBeforeDue,
    load: loadRecord,
    lag: latencySummary(lags),
    throughput: throughput(rows.map((row) => row.createdAt.getTime() - minute)),
  };
}

const BUCKET_MS = 10_000;

/**
 * How fast due milestones became rows, from each row's time after its minute began: rows per second in
 * each 10 s, the best 10 s (what the system sustains once it is behind), and over the whole firing.
 */
function throughput(afterMinuteMs: number[]) {
  const buckets = Array.from({ length: Math.ceil((Math.max(...afterMinuteMs) + 1) / BUCKET_MS) }, () => 0);
  for (const at of afterMinuteMs) buckets[Math.max(0, Math.floor(at / BUCKET_MS))]! += 1;
  const perSecond = buckets.map((count) => round(count / (BUCKET_MS / 1000)));
  return {
    rowsPerSecondBy10s: perSecond,
    best10sPerSecond: Math.max(...perSecond),
    overallPerSecond: round(afterMinuteMs.length / (Math.max(MINUTE, ...afterMinuteMs) / 1000)),
  };
}

/** The poller baseline: due rows for the same journeys over `minute`, fired into the task table. */
async function poller(stack: DevStack, minute: number) {
  const setup = new Client({ connectionString: stack.database.url });
  await setup.connect();
  // The task table's times are UTC without a zone, as Prisma writes them.
  await setup.query(`SET TIME ZONE 'UTC'`);
  await setup.query(`CREATE TABLE bench_due_milestone (
      journey_id text PRIMARY KEY, subscriber_id text NOT NULL, due_at timestamptz NOT NULL, fired_at timestamptz)`);
  await setup.query(`CREATE INDEX bench_due_milestone_due ON bench_due_milestone (due_at) WHERE fired_at IS NULL`);
  await setup.query(
    `INSERT INTO bench_due_milestone (journey_id, subscriber_id, due_at)
     SELECT 'journey-LAG-' || i, 'LAG-' || i, to_timestamp(($1::bigint + floor(i * 60000.0 / $2))::double precision / 1000)
     FROM generate_series(0, $2 - 1) AS i`,
    [minute, n],
  );
  await setup.query('ANALYZE bench_due_milestone');
  const fire = async () => {
    const client = new Client({ connectionString: stack.database.url });
    await client.connect();
    await client.query(`SET TIME ZONE 'UTC'`);
    try {
      for (;;) {
        await client.query('BEGIN');
        const { rows } = await client.query<{ journey_id: string; subscriber_id: string; due_at: Date }>(
          `SELECT journey_id, subscriber_id, due_at FROM bench_due_milestone
           WHERE fired_at IS NULL AND due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batch],
        );
        if (rows.length > 0) {
          await client.query(
            `INSERT INTO task (id, journey_id, subscriber_id, type, role, status, available_at, due_at, payload, created_at, updated_at)
             SELECT j || ':poller-followup', j, s, 'poller_followup', 'followup', 'open', clock_timestamp(),
                    clock_timestamp() + interval '6 days', '{}'::jsonb, clock_timestamp(), clock_timestamp()
             FROM unnest($1::text[], $2::text[]) AS r(j, s)`,
            [rows.map((row) => row.journey_id), rows.map((row) => row.subscriber_id)],
          );
          await client.query(`UPDATE bench_due_milestone SET fired_at = clock_timestamp() WHERE journey_id = ANY($1)`, [
            rows.map((row) => row.journey_id),
          ]);
        }
        await client.query('COMMIT');
        if (rows.length === batch) continue;
        const { rows: left } = await client.query<{ left: number }>(
          'SELECT count(*)::int AS left FROM bench_due_milestone WHERE fired_at IS NULL',
        );
        if (left[0]!.left === 0) return;
        await new Promise((done) => setTimeout(done, pollMs));
      }
    } finally {
      await client.end();
    }
  };
  await untilInstant(minute);
  const load = watchLoad();
  await Promise.all(Array.from({ length: pollers }, fire));
  const loadRecord = load.stop();
  const { rows } = await setup.query<{ lag: number; after: number }>(
    `SELECT (extract(epoch FROM (t.created_at AT TIME ZONE 'UTC') - d.due_at) * 1000)::float8 AS lag,
            (extract(epoch FROM (t.created_at AT TIME ZONE 'UTC')) * 1000 - $1)::float8 AS after
     FROM bench_due_milestone d JOIN task t ON t.id = d.journey_id || ':poller-followup'`,
    [minute],
  );
  await setup.end();
  return {
    load: loadRecord,
    lag: latencySummary(rows.map((row) => row.lag)),
    throughput: throughput(rows.map((row) => row.after)),
  };
}

function throughputLine(label: string, { best10sPerSecond, overallPerSecond }: ReturnType<typeof throughput>): string {
  return `  ${label.padEnd(40)} best 10 s ${best10sPerSecond}/s, whole firing ${overallPerSecond}/s`;
}

async function main(): Promise<void> {
  const stack = await startStack(server);
  try {
    const worker = await startWorkerProcess({ ...stack.env, WORKER_MAX_CACHED_WORKFLOWS: String(cache) });
    try {
      const minute = minuteFromNow(leadMinutes);
      process.stdout.write(
        `${n.toLocaleString('en')} journeys due over the minute from ${new Date(minute).toISOString()} (${server} server)\n`,
      );
      const journeys = await ours(stack, minute);
      await waitForIdle(worker.pid, 600_000);
      const baseline = await poller(stack, minuteFromNow(1));
      const figures = {
        server,
        n,
        workerCache: cache,
        workerTuning: workerTuning(),
        poller: { connections: pollers, batch, pollMs },
        journeysSettledBeforeTheMinute: journeys.settledBeforeDue,
        journeyTimerLagMs: journeys.lag,
        pollerLagMs: baseline.lag,
        p99OursOverPoller: round(journeys.lag.p99 / baseline.lag.p99),
        dueMilestonesPerSecond: round(n / (MINUTE / 1000)),
        journeyThroughput: journeys.throughput,
        pollerThroughput: baseline.throughput,
        load: { ours: journeys.load, poller: baseline.load },
      };
      const line = (label: string, { p50, p99, max }: LatencySummary) =>
        `  ${label.padEnd(40)} p50 ${p50} ms  p99 ${p99} ms  max ${max} ms`;
      process.stdout.write(
        [
          line('journeys (durable timer → task row)', journeys.lag),
          line(`poller (${pollers} × ${batch} rows, ${pollMs} ms)`, baseline.lag),
          `  ours ÷ poller at p99                     ${figures.p99OursOverPoller} (goal ≤ 1)`,
          `  milestones due                           ${figures.dueMilestonesPerSecond}/s over the minute`,
          throughputLine('journeys: rows', journeys.throughput),
          throughputLine('poller: rows', baseline.throughput),
          `  worker tuning                            ${JSON.stringify(figures.workerTuning)}`,
          `  ours: ${loadLine(journeys.load)}`,
          `  poller: ${loadLine(baseline.load)}`,
          '',
        ].join('\n'),
      );
      const name = `timer-lag-${server}`;
      process.stdout.write(`result: ${await writeResult(name, figures)}\n`);
      const bars = (lag: LatencySummary) => [
        { label: 'p50', value: lag.p50 },
        { label: 'p99', value: lag.p99 },
      ];
      const chart = await writeBarChart(name, `Due instant → follow-up task row, ${n} in one minute`, 'ms', [
        { name: 'journeys (timers)', bars: bars(journeys.lag) },
        { name: 'SKIP LOCKED poller', bars: bars(baseline.lag) },
      ]);
      process.stdout.write(`chart: ${chart}\n`);
      const buckets = (perSecond: number[]) =>
        perSecond.map((value, i) => ({ label: `${i * 10}–${i * 10 + 10} s`, value }));
      const rateChart = await writeBarChart(
        `${name}-throughput`,
        `Milestones turned into task rows, by 10 s after the minute began, ${n} due in it`,
        'rows/s',
        [
          { name: 'due', bars: buckets(Array.from({ length: 6 }, () => figures.dueMilestonesPerSecond)) },
          { name: 'journeys (timers)', bars: buckets(journeys.throughput.rowsPerSecondBy10s) },
          { name: 'SKIP LOCKED poller', bars: buckets(baseline.throughput.rowsPerSecondBy10s) },
        ],
      );
      process.stdout.write(`chart: ${rateChart}\n`);
    } finally {
      await worker.stop();
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
