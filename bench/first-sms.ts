/**
 * The first SMS under a burst: N activations (default 500, `--n`) through `POST /v1/subscribers`, 16
 * at a time (`--concurrency`), each timed from its 201 to its welcome SMS row in the outbox, against
 * a baseline measured on the same server in the same run: N starts of a workflow that only has one
 * activity write the same outbox row (bench/baseline), each timed from its start to its row. Prints
 * p50/p95/p99 of both and ours ÷ the baseline at p99 (goal: at most 1.5).
 *
 * Real Temporal server (`--server dev`, the default, or `cluster`) and embedded PostgreSQL in
 * temporary folders; the worker(s), the baseline's worker and the API as their own processes.
 * `--workers 2` runs two journey worker processes; `--worker-env K=V,K=V` passes tuning variables
 * (WORKER_MAX_CONCURRENT_WORKFLOW_TASKS, WORKER_NON_STICKY_POLL_RATIO, …) to every worker.
 *
 *   npm run bench:first-sms [-- --n 500 --concurrency 16 --server dev --workers 1 --worker-env …]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { toPlanTerms } from '../activities/catalog';
import type { SendSmsRequest } from '../workflows/activity-contract';
import { journeyWorkflowId } from '../workflows/state';
import type { firstSmsBaseline } from './baseline/workflows';
import { latencySummary, type LatencySummary } from './latency';
import { writeBarChart, writeResult } from './report';
import {
  benchServer,
  inPool,
  positiveInteger,
  round,
  startApiProcess,
  startBenchProcess,
  startStack,
  startWorkerProcess,
  waitForCount,
  type BenchProcess,
  type DevStack,
} from './stack';
import { activation, postActivations, recordSubscribers, type Activation } from './subscribers';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '16' },
    server: { type: 'string' },
    workers: { type: 'string', default: '1' },
    'worker-env': { type: 'string', default: '' },
  },
});
const n = positiveInteger('n', args.n);
const concurrency = positiveInteger('concurrency', args.concurrency);
const server = benchServer(args.server);
const workers = positiveInteger('workers', args.workers);
const workerEnv = Object.fromEntries(
  args['worker-env']
    .split(',')
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string]),
);
const token = randomBytes(24).toString('hex');
const run = randomBytes(3).toString('hex');

function group(name: string, msisdnPrefix: string, count: number): Activation[] {
  return Array.from({ length: count }, (_, i) =>
    activation(`${name}-${run}-${i}`, `${msisdnPrefix}${String(i).padStart(9, '0')}`),
  );
}

/** Waits for the welcome SMS of every subscriber of `bodies`; milliseconds from `since` to each row. */
async function welcomeLatencies(stack: DevStack, bodies: Activation[], since: Map<string, number>): Promise<number[]> {
  const where = { template: 'welcome', subscriberId: { in: bodies.map((body) => body.subscriberId) } };
  const { prisma } = stack.database;
  await waitForCount('welcome SMS', () => prisma.smsMessage.count({ where }), bodies.length);
  const rows = await prisma.smsMessage.findMany({ where, select: { subscriberId: true, createdAt: true } });
  return rows.map((row) => row.createdAt.getTime() - since.get(row.subscriberId)!);
}

/** The baseline: subscribers recorded as the API's claim would, then the one-activity workflow started for each. */
async function baseline(stack: DevStack, bodies: Activation[]): Promise<Map<string, number>> {
  const { prisma } = stack.database;
  const plan = toPlanTerms(await prisma.plan.findUniqueOrThrow({ where: { code: 'A66' } }));
  await recordSubscribers(prisma, bodies);
  const startedAt = new Map<string, number>();
  await inPool(bodies, concurrency, async (body) => {
    const workflowId = journeyWorkflowId(body.subscriberId);
    const request: SendSmsRequest = {
      idempotencyKey: `${workflowId}:sms:welcome`,
      subscriberId: body.subscriberId,
      msisdn: body.msisdn,
      locale: body.locale ?? 'zh-CN',
      sms: { template: 'welcome', values: { plan } },
    };
    await stack.client.workflow.start<typeof firstSmsBaseline>('firstSmsBaseline', {
      workflowId,
      taskQueue: `${stack.taskQueue}-baseline`,
      args: [request],
    });
    startedAt.set(body.subscriberId, Date.now());
  });
  return startedAt;
}

async function measure(stack: DevStack, api: BenchProcess, token: string) {
  // First requests pay for connection pools and cold code paths in every process: not measured.
  const warmJourneys = group('WARM', '18', concurrency);
  const warmBaseline = group('WARMB', '17', concurrency);
  await welcomeLatencies(stack, warmJourneys, await postActivations(api, token, warmJourneys, concurrency));
  await welcomeLatencies(stack, warmBaseline, await baseline(stack, warmBaseline));

  const baselineBodies = group('BASE', '15', n);
  const baselineMs = await welcomeLatencies(stack, baselineBodies, await baseline(stack, baselineBodies));
  const journeyBodies = group('API', '13', n);
  const started = performance.now();
  const answeredAt = await postActivations(api, token, journeyBodies, concurrency);
  const acceptSeconds = (performance.now() - started) / 1000;
  const journeyMs = await welcomeLatencies(stack, journeyBodies, answeredAt);
  const [ours, base] = [latencySummary(journeyMs), latencySummary(baselineMs)];
  return {
    server,
    n,
    concurrency,
    workers,
    workerEnv,
    activationsPerSecond: round(n / acceptSeconds),
    journey: ours,
    baseline: base,
    p99OverBaseline: round(ours.p99 / base.p99),
  };
}

type Figures = Awaited<ReturnType<typeof measure>>;

function print(figures: Figures): void {
  const line = (label: string, { p50, p95, p99 }: LatencySummary) =>
    `  ${label.padEnd(44)} p50 ${p50} ms  p95 ${p95} ms  p99 ${p99} ms`;
  process.stdout.write(
    [
      `first SMS under a burst: ${n} each, ${concurrency} at a time, ${server} server, ${workers} worker process(es)${Object.keys(workerEnv).length ? ` ${JSON.stringify(workerEnv)}` : ''}`,
      line('journey: 201 → welcome SMS row', figures.journey),
      line('baseline: start → its one activity’s row', figures.baseline),
      `  journey ÷ baseline at p99                    ${figures.p99OverBaseline.toFixed(2)} (goal ≤ 1.5)`,
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const stack = await startStack(server);
  const running: BenchProcess[] = [];
  try {
    for (let i = 0; i < workers; i++) running.push(await startWorkerProcess({ ...stack.env, ...workerEnv }));
    running.push(
      await startBenchProcess('bench/baseline/worker.ts', 'WORKER_HEALTH_PORT', {
        ...stack.env,
        ...workerEnv,
        TEMPORAL_TASK_QUEUE: `${stack.taskQueue}-baseline`,
      }),
    );
    const api = await startApiProcess({ ...stack.env, ACTIVATION_API_TOKEN: token });
    running.push(api);
    const figures = await measure(stack, api, token);
    print(figures);
    const name = `first-sms-${server}`;
    process.stdout.write(`result: ${await writeResult(name, figures)}\n`);
    const bars = (summary: LatencySummary) => [
      { label: 'p50', value: summary.p50 },
      { label: 'p95', value: summary.p95 },
      { label: 'p99', value: summary.p99 },
    ];
    const chart = await writeBarChart(name, `First SMS under a burst of ${n} (${server} server)`, 'ms', [
      { name: 'journey (201 → welcome)', bars: bars(figures.journey) },
      { name: 'baseline (start → row)', bars: bars(figures.baseline) },
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
