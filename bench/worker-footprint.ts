/**
 * Worker footprint: the resident memory (VmRSS) of one worker process with N open journeys sleeping
 * on their timers (N = 1,000 by default, `--sizes 1000,10000`), and how long a journey the worker has
 * evicted from its cache takes to answer compared with one it still holds.
 *
 * For each size a fresh worker process runs with a sticky cache (`WORKER_MAX_CACHED_WORKFLOWS`) of
 * 500 workflows, or half the journeys if that is less (`--cache` sets it). RSS is read at rest: with
 * no journey, with as many open as the cache holds (all cached), and with all N open (the oldest
 * evicted). A journey counts as settled once its welcome and help-menu SMS are sent and its coaching
 * task is in the inbox, and the worker has gone idle. Then the `journeyState` query, one at a time,
 * on the newest journeys (cached) and on the oldest (evicted, so the worker replays their history):
 * p50/p95 of each.
 *
 * Real Temporal dev server (SQLite, as `npm start` runs it) and embedded PostgreSQL in temporary
 * folders on free ports; the worker as its own process, started as `npm start` starts it.
 *
 *   npm run bench:footprint [-- --sizes 1000,10000 --cache 500 --samples 100 --concurrency 16 --node-options …]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { journeyState } from '../workflows/messages';
import { journeyWorkflowId } from '../workflows/state';
import { percentile, writeBarChart, writeResult } from './report';
import {
  positiveInteger,
  residentMiB,
  round,
  startDevStack,
  startWorkerProcess,
  waitForCount,
  waitForIdle,
  type DevStack,
} from './stack';
import { activation, journeyInput, startJourneys, type Activation } from './subscribers';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000' },
    cache: { type: 'string' },
    samples: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '16' },
    'node-options': { type: 'string' },
  },
});
const sizes = args.sizes.split(',').map((size) => positiveInteger('sizes', size));
const samples = positiveInteger('samples', args.samples);
const concurrency = positiveInteger('concurrency', args.concurrency);
const run = randomBytes(3).toString('hex');

/** Starts the journeys and waits until each has sent its activation SMS and opened its coaching task. */
async function openJourneys(stack: DevStack, taskQueue: string, prefix: string, bodies: Activation[], total: number) {
  const started = performance.now();
  await startJourneys(stack.client, taskQueue, bodies.map(journeyInput), concurrency);
  const { prisma } = stack.database;
  const subscriberId = { startsWith: prefix };
  await waitForCount(
    'welcome and help-menu SMS',
    () =>
      prisma.smsMessage.count({ where: { subscriberId, template: { in: ['welcome', 'help_menu'] }, status: 'sent' } }),
    2 * total,
  );
  await waitForCount(
    'onboarding coaching tasks',
    () => prisma.task.count({ where: { subscriberId, type: 'onboarding_coaching' } }),
    total,
  );
  // Progress for long runs, and a feel for how fast one worker takes journeys on.
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`  ${bodies.length} journeys started and settled in ${seconds.toFixed(1)} s\n`);
}

async function restingMiB(pid: number): Promise<number> {
  await waitForIdle(pid);
  return round(await residentMiB(pid));
}

/** `journeyState` of each journey, one query at a time: milliseconds each. */
async function queryTimes(stack: DevStack, bodies: Activation[]): Promise<number[]> {
  const times: number[] = [];
  for (const { subscriberId } of bodies) {
    const started = performance.now();
    await stack.client.workflow.getHandle(journeyWorkflowId(subscriberId)).query(journeyState);
    times.push(performance.now() - started);
  }
  return times;
}

function latency(times: number[]) {
  return { queries: times.length, p50ms: round(percentile(times, 50)), p95ms: round(percentile(times, 95)) };
}

async function measure(stack: DevStack, size: number, firstMsisdn: number) {
  // The same cache for every size, so that sizes differ only in how many journeys are evicted. Each
  // cached journey holds megabytes, and the worker runs all workflows in one thread with one heap.
  const cache = args.cache ? positiveInteger('cache', args.cache) : Math.min(500, Math.floor(size / 2));
  if (cache < 2 || cache >= size) throw new Error(`cache ${cache}: must be at least 2 and below the size ${size}`);
  process.stdout.write(
    `\n${size.toLocaleString('en')} journeys on one worker, sticky cache ${cache} workflows (WORKER_MAX_CACHED_WORKFLOWS=${cache})\n`,
  );
  const taskQueue = `${stack.taskQueue}-${size}`;
  const worker = await startWorkerProcess({
    ...stack.env,
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKER_MAX_CACHED_WORKFLOWS: String(cache),
    // E.g. a heap cap (`--max-old-space-size=512`), as a production worker should have: V8 otherwise
    // collects lazily on a large heap, and RSS counts the garbage too.
    ...(args['node-options'] ? { NODE_OPTIONS: args['node-options'] } : {}),
  });
  try {
    const prefix = `FP-${run}-${size}-`;
    const bodies = Array.from({ length: size }, (_, i) =>
      activation(`${prefix}${i}`, `14${String(firstMsisdn + i).padStart(9, '0')}`),
    );
    const baselineMiB = await restingMiB(worker.pid);
    await openJourneys(stack, taskQueue, prefix, bodies.slice(0, cache), cache);
    const cachedMiB = await restingMiB(worker.pid);
    await openJourneys(stack, taskQueue, prefix, bodies.slice(cache), size);
    const allOpenMiB = await restingMiB(worker.pid);
    // Far from the boundary between evicted and cached, which concurrent starts blur.
    const sampled = Math.min(samples, Math.floor(Math.min(cache, size - cache) / 2));
    const cached = latency(await queryTimes(stack, bodies.slice(size - sampled)));
    const evicted = latency(await queryTimes(stack, bodies.slice(0, sampled)));
    return {
      journeys: size,
      maxCachedWorkflows: cache,
      /** At rest: no journeys; as many open as the cache holds (all cached); all open (the oldest evicted). */
      rssMiB: { noJourneys: baselineMiB, cacheFull: cachedMiB, allOpen: allOpenMiB },
      kibPerCachedJourney: round(((cachedMiB - baselineMiB) * 1024) / cache),
      journeyStateQuery: { cached, evicted },
    };
  } finally {
    await worker.stop();
  }
}

type Figures = Awaited<ReturnType<typeof measure>>;

function print({ journeys, maxCachedWorkflows: cache, rssMiB, kibPerCachedJourney, journeyStateQuery }: Figures): void {
  const rss = (label: string, mib: number) => `  worker RSS, ${label.padEnd(30)} ${mib.toFixed(1)} MiB`;
  const query = (label: string, { p50ms, p95ms, queries }: ReturnType<typeof latency>) =>
    `  journeyState query, ${label.padEnd(21)} p50 ${p50ms.toFixed(1)} ms  p95 ${p95ms.toFixed(1)} ms  (${queries} queries)`;
  process.stdout.write(
    [
      rss('no journeys', rssMiB.noJourneys),
      `${rss(`${cache} open, all cached`, rssMiB.cacheFull)}  (${kibPerCachedJourney} KiB per cached journey)`,
      rss(`${journeys} open, ${journeys - cache} evicted`, rssMiB.allOpen),
      query('cached journey', journeyStateQuery.cached),
      query('evicted journey', journeyStateQuery.evicted),
      '',
    ].join('\n'),
  );
}

async function writeCharts(results: Figures[]): Promise<string[]> {
  const bars = (value: (r: Figures) => number) =>
    results.map((r) => ({ label: `${r.journeys} journeys`, value: value(r) }));
  return [
    await writeBarChart('worker-footprint', 'Worker RSS at rest', 'MiB', [
      { name: 'no journeys', bars: bars((r) => r.rssMiB.noJourneys) },
      { name: 'cache full', bars: bars((r) => r.rssMiB.cacheFull) },
      { name: 'all open', bars: bars((r) => r.rssMiB.allOpen) },
    ]),
    await writeBarChart('worker-resume', 'journeyState query: cached vs evicted journey', 'ms', [
      { name: 'cached p50', bars: bars((r) => r.journeyStateQuery.cached.p50ms) },
      { name: 'cached p95', bars: bars((r) => r.journeyStateQuery.cached.p95ms) },
      { name: 'evicted p50', bars: bars((r) => r.journeyStateQuery.evicted.p50ms) },
      { name: 'evicted p95', bars: bars((r) => r.journeyStateQuery.evicted.p95ms) },
    ]),
  ];
}

async function main(): Promise<void> {
  const stack = await startDevStack();
  const results: Figures[] = [];
  try {
    for (const size of sizes) {
      const figures = await measure(
        stack,
        size,
        results.reduce((sum, r) => sum + r.journeys, 0),
      );
      print(figures);
      results.push(figures);
    }
    process.stdout.write(`result: ${await writeResult('worker-footprint', results)}\n`);
    process.stdout.write(`charts: ${(await writeCharts(results)).join(', ')}\n`);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
