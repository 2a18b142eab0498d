/**
 * Open journeys at scale: N journeys (default 100,000, `--n`) sleeping on their timers on the cluster
 * (`--server cluster`, the default; `dev` for the dev server), started as the API starts them (the
 * subscriber recorded, the plan in the input), `--concurrency` at a time, on one worker process with a
 * capped sticky cache (`--cache`, default 1,000). Creating stops after `--max-minutes` (default 30) if
 * N are not open by then, and the figures say how many were and extrapolate the time to N.
 *
 * Prints: the time to create them (started, and settled: welcome and help-menu SMS sent, coaching task
 * in the inbox); PostgreSQL bytes per journey (the journeys' database and Temporal's two); the worker's
 * RSS at rest; `journeyState` query latency on random journeys (nearly all evicted, so replayed); and
 * `GET /v1/tasks` latency of four staff inboxes through the API process at that size.
 *
 *   npm run bench:open-journeys [-- --n 100000 --server cluster --cache 1000 --concurrency 32 --max-minutes 30]
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { toPlanTerms } from '../activities/catalog';
import { journeyState } from '../workflows/messages';
import { journeyWorkflowId } from '../workflows/state';
import { latencySummary } from './latency';
import { writeBarChart, writeResult } from './report';
import {
  benchServer,
  benchStaffPassword,
  inPool,
  positiveInteger,
  residentMiB,
  round,
  startApiProcess,
  startStack,
  startWorkerProcess,
  waitForIdle,
  type BenchProcess,
  type DevStack,
} from './stack';
import { activation, journeyInput, recordSubscribers } from './subscribers';
import { startJourney } from '../platform/start-journey';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    server: { type: 'string', default: 'cluster' },
    cache: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '32' },
    'max-minutes': { type: 'string', default: '30' },
    samples: { type: 'string', default: '200' },
  },
});
const n = positiveInteger('n', args.n);
const server = benchServer(args.server);
const cache = positiveInteger('cache', args.cache);
const concurrency = positiveInteger('concurrency', args.concurrency);
const maxMs = positiveInteger('max-minutes', args['max-minutes']) * 60_000;
const samples = positiveInteger('samples', args.samples);
const BATCH = 1_000;

/** Bytes of the journeys' database and of Temporal's databases (the cluster's; the dev server keeps SQLite). */
async function databaseBytes(stack: DevStack): Promise<{ journey: number; temporal: number }> {
  const client = new Client({ connectionString: stack.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string; bytes: string }>(
      `SELECT datname, pg_database_size(datname)::text AS bytes FROM pg_database
       WHERE datname IN (current_database(), 'temporal', 'temporal_visibility')`,
    );
    const bytes = (name: string) => Number(rows.find((row) => row.datname === name)?.bytes ?? 0);
    const journeyDb = new URL(stack.database.url).pathname.slice(1);
    return { journey: bytes(journeyDb), temporal: bytes('temporal') + bytes('temporal_visibility') };
  } finally {
    await client.end();
  }
}

/** Starts journeys in batches until N are started or the time is up; returns how many were started. */
async function createJourneys(stack: DevStack): Promise<{ started: number; seconds: number }> {
  const { prisma } = stack.database;
  const plan = toPlanTerms(await prisma.plan.findUniqueOrThrow({ where: { code: 'A66' } }));
  const began = performance.now();
  let started = 0;
  while (started < n && performance.now() - began < maxMs) {
    const bodies = Array.from({ length: Math.min(BATCH, n - started) }, (_, i) =>
      activation(`OPEN-${started + i}`, `14${String(started + i).padStart(9, '0')}`),
    );
    await recordSubscribers(prisma, bodies);
    await inPool(bodies, concurrency, async (body) => {
      await startJourney(stack.client, stack.taskQueue, { ...journeyInput(body), plan });
    });
    started += bodies.length;
    const seconds = (performance.now() - began) / 1000;
    process.stdout.write(`  ${started} started in ${seconds.toFixed(0)} s (${(started / seconds).toFixed(1)}/s)\n`);
  }
  return { started, seconds: (performance.now() - began) / 1000 };
}

/** Waits until every started journey has settled: welcome and help-menu SMS sent, coaching task written. */
async function settle(stack: DevStack, started: number, worker: BenchProcess): Promise<void> {
  const { prisma } = stack.database;
  for (;;) {
    const [sms, tasks] = await Promise.all([
      prisma.smsMessage.count({ where: { template: 'help_menu', status: 'sent' } }),
      prisma.task.count({ where: { type: 'onboarding_coaching' } }),
    ]);
    if (sms >= started && tasks >= started) break;
    await new Promise((done) => setTimeout(done, 2_000));
  }
  await waitForIdle(worker.pid, 600_000);
}

async function inboxLatencies(api: BenchProcess) {
  const inboxes = [
    { name: 'store clerk (JN001)', user: 'store.jn001', query: '' },
    { name: 'follow-up agent', user: 'followup.zhang', query: '' },
    { name: 'supervisor, overdue', user: 'supervisor.sun', query: '?overdue=true' },
    { name: 'supervisor, all open', user: 'supervisor.sun', query: '?limit=100' },
  ];
  const times: number[] = [];
  for (const inbox of inboxes) {
    const signIn = await fetch(`${api.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: inbox.user, password: benchStaffPassword }),
    });
    const { token } = (await signIn.json()) as { token: string };
    for (let i = 0; i < samples / inboxes.length + 5; i++) {
      const began = performance.now();
      const response = await fetch(`${api.url}/v1/tasks${inbox.query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${inbox.name}: ${response.status}`);
      if (i >= 5) times.push(performance.now() - began);
    }
  }
  return latencySummary(times);
}

async function queryLatencies(stack: DevStack, started: number) {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const subscriberId = `OPEN-${Math.floor(Math.random() * started)}`;
    const began = performance.now();
    await stack.client.workflow.getHandle(journeyWorkflowId(subscriberId)).query(journeyState);
    times.push(performance.now() - began);
  }
  return latencySummary(times);
}

async function main(): Promise<void> {
  const stack = await startStack(server);
  const running: BenchProcess[] = [];
  try {
    const worker = await startWorkerProcess({ ...stack.env, WORKER_MAX_CACHED_WORKFLOWS: String(cache) });
    running.push(worker);
    const api = await startApiProcess(stack.env);
    running.push(api);
    const empty = await databaseBytes(stack);
    const idleMiB = await residentMiB(worker.pid);
    process.stdout.write(`${n.toLocaleString('en')} journeys on the ${server} server, worker cache ${cache}\n`);
    const began = performance.now();
    const created = await createJourneys(stack);
    await settle(stack, created.started, worker);
    const settledSeconds = (performance.now() - began) / 1000;
    const full = await databaseBytes(stack);
    const rssMiB = await residentMiB(worker.pid);
    const query = await queryLatencies(stack, created.started);
    const inbox = await inboxLatencies(api);
    const perJourney = (bytes: number) => round(bytes / created.started);
    const figures = {
      server,
      askedFor: n,
      open: created.started,
      extrapolated: created.started < n,
      workerCache: cache,
      concurrency,
      startedSeconds: round(created.seconds),
      settledSeconds: round(settledSeconds),
      createPerSecond: round(created.started / created.seconds),
      secondsForAskedFor: round((settledSeconds * n) / created.started),
      postgresBytesPerJourney: {
        journeyDatabase: perJourney(full.journey - empty.journey),
        temporalDatabases: perJourney(full.temporal - empty.temporal),
      },
      workerRssMiB: { idle: round(idleMiB), open: round(rssMiB) },
      journeyStateQueryMs: query,
      inboxMs: inbox,
    };
    process.stdout.write(
      [
        `  open journeys                ${figures.open.toLocaleString('en')}${figures.extrapolated ? ` (of ${n.toLocaleString('en')} asked for: time ran out)` : ''}`,
        `  started in                   ${created.seconds.toFixed(0)} s (${figures.createPerSecond}/s), all settled after ${settledSeconds.toFixed(0)} s; ${n.toLocaleString('en')} would take ${(figures.secondsForAskedFor / 60).toFixed(0)} min`,
        `  PostgreSQL per journey       journeys' database ${figures.postgresBytesPerJourney.journeyDatabase} B, Temporal's ${figures.postgresBytesPerJourney.temporalDatabases} B`,
        `  worker RSS (cache ${cache})      idle ${figures.workerRssMiB.idle} MiB, all open ${figures.workerRssMiB.open} MiB`,
        `  journeyState query           p50 ${query.p50} ms  p95 ${query.p95} ms  p99 ${query.p99} ms (${samples} random journeys)`,
        `  GET /v1/tasks                p50 ${inbox.p50} ms  p95 ${inbox.p95} ms  p99 ${inbox.p99} ms (4 inboxes)`,
        '',
      ].join('\n'),
    );
    const name = `open-journeys-${server}`;
    process.stdout.write(`result: ${await writeResult(name, figures)}\n`);
    const chart = await writeBarChart(name, `${figures.open} open journeys (${server} server)`, 'ms', [
      {
        name: 'p50',
        bars: [
          { label: 'journeyState', value: query.p50 },
          { label: 'GET /v1/tasks', value: inbox.p50 },
        ],
      },
      {
        name: 'p95',
        bars: [
          { label: 'journeyState', value: query.p95 },
          { label: 'GET /v1/tasks', value: inbox.p95 },
        ],
      },
    ]);
    process.stdout.write(`chart: ${chart}\n`);
  } finally {
    for (const child of running.reverse()) await child.stop();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
