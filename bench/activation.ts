/**
 * Activation throughput and activation → first SMS latency, in one run: N activations through
 * `POST /v1/subscribers` (default 500, `--n`) at a concurrency of 16 (`--concurrency`), and N bare
 * `client.workflow.start` calls of the same workflow with the same input, on the same task queue, in
 * alternating rounds of 50 (`--round`) so both meet the same load; it
 * prints both rates and their ratio (what the API's checks cost on top of the start). For each API
 * activation it also takes the time from the 201 to the welcome SMS row in the outbox (p50/p95/p99),
 * under the load of that same run.
 *
 * Real Temporal server (`--server dev`, the default, SQLite as `npm start` runs it; or `cluster`) and
 * embedded PostgreSQL in temporary folders on free ports; the worker and the API each as their own process, started as `npm start`
 * starts them.
 *
 *   npm run bench:activation [-- --n 500 --concurrency 16 --round 50 --server dev --api-node-options=…]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { percentile, writeBarChart, writeResult } from './report';
import {
  positiveInteger,
  round,
  startApiProcess,
  benchServer,
  startStack,
  startWorkerProcess,
  waitForCount,
  type BenchProcess,
  type DevStack,
} from './stack';
import { activation, journeyInput, postActivations, startJourneys, type Activation } from './subscribers';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '16' },
    round: { type: 'string', default: '50' },
    server: { type: 'string' },
    'api-node-options': { type: 'string' },
  },
});
const roundSize = positiveInteger('round', args.round);
const server = benchServer(args.server);
const n = positiveInteger('n', args.n);
const concurrency = positiveInteger('concurrency', args.concurrency);
const token = randomBytes(24).toString('hex');
const run = randomBytes(3).toString('hex');

/** Each group of subscribers has its own id prefix and number range, so the groups never collide. */
function activations(group: 'WARM' | 'API' | 'RAW', msisdnPrefix: string, count: number): Activation[] {
  return Array.from({ length: count }, (_, i) =>
    activation(`${group}-${run}-${i}`, `${msisdnPrefix}${String(i).padStart(9, '0')}`),
  );
}

/** Waits for the welcome SMS of every subscriber whose id starts with `prefix`; returns their rows. */
async function welcomeSms(stack: DevStack, prefix: string, count: number) {
  const where = { template: 'welcome', subscriberId: { startsWith: prefix } };
  const { prisma } = stack.database;
  await waitForCount(`welcome SMS of ${prefix}*`, () => prisma.smsMessage.count({ where }), count);
  return prisma.smsMessage.findMany({ where, select: { subscriberId: true, createdAt: true } });
}

function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}

async function measure(stack: DevStack, api: BenchProcess) {
  // First requests pay for connection pools and cold code paths in every process: not measured.
  const warmUp = activations('WARM', '18', 2 * concurrency);
  await postActivations(api, token, warmUp.slice(0, concurrency), concurrency);
  await startJourneys(stack.client, stack.taskQueue, warmUp.slice(concurrency).map(journeyInput), concurrency);
  await welcomeSms(stack, `WARM-${run}-`, warmUp.length);

  // Alternating rounds, so that both ways meet the same load: the worker busy with the journeys
  // started so far, and whatever else runs on the machine.
  const viaApi = activations('API', '13', n);
  const inputs = activations('RAW', '15', n).map(journeyInput);
  const answeredAt = new Map<string, number>();
  let [apiSeconds, rawSeconds] = [0, 0];
  for (let from = 0; from < n; from += roundSize) {
    const apiStarted = performance.now();
    const answered = await postActivations(api, token, viaApi.slice(from, from + roundSize), concurrency);
    apiSeconds += secondsSince(apiStarted);
    for (const [id, at] of answered) answeredAt.set(id, at);
    const rawStarted = performance.now();
    await startJourneys(stack.client, stack.taskQueue, inputs.slice(from, from + roundSize), concurrency);
    rawSeconds += secondsSince(rawStarted);
  }
  const rows = await welcomeSms(stack, `API-${run}-`, n);
  const latencies = rows.map((row) => row.createdAt.getTime() - answeredAt.get(row.subscriberId)!);
  // Not measured: that every direct start became a running journey, as the API's did.
  await welcomeSms(stack, `RAW-${run}-`, n);

  return {
    server,
    n,
    concurrency,
    api: { seconds: round(apiSeconds), activationsPerSecond: round(n / apiSeconds) },
    raw: { seconds: round(rawSeconds), activationsPerSecond: round(n / rawSeconds) },
    apiOverRaw: round(rawSeconds / apiSeconds),
    welcomeSmsAfter201Ms: {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      min: Math.min(...latencies),
      max: Math.max(...latencies),
    },
  };
}

function print(figures: Awaited<ReturnType<typeof measure>>): void {
  const { api, raw, welcomeSmsAfter201Ms: sms } = figures;
  const rate = (seconds: number, perSecond: number) =>
    `${n} in ${seconds.toFixed(2)} s: ${perSecond.toFixed(1).padStart(6)} activations/s`;
  process.stdout.write(
    [
      `activations: ${n} each way, ${concurrency} at a time, ${server} server`,
      `  POST /v1/subscribers      ${rate(api.seconds, api.activationsPerSecond)}`,
      `  client.workflow.start     ${rate(raw.seconds, raw.activationsPerSecond)}`,
      `  API ÷ raw                 ${figures.apiOverRaw.toFixed(2)}`,
      `201 → welcome SMS in the outbox (during the API's run)`,
      `  p50 ${sms.p50} ms  p95 ${sms.p95} ms  p99 ${sms.p99} ms  (min ${sms.min} ms, max ${sms.max} ms)`,
      '',
    ].join('\n'),
  );
}

async function writeCharts(figures: Awaited<ReturnType<typeof measure>>): Promise<string[]> {
  const { api, raw, welcomeSmsAfter201Ms: sms } = figures;
  return [
    await writeBarChart(
      `activation-${server}`,
      `${n} activations, ${concurrency} at a time (${server} server)`,
      'activations per second',
      [
        {
          name: 'activations/s',
          bars: [
            { label: 'POST /v1/subscribers', value: api.activationsPerSecond },
            { label: 'client.workflow.start', value: raw.activationsPerSecond },
          ],
        },
      ],
    ),
    await writeBarChart(`activation-first-sms-${server}`, 'From the API’s 201 to the welcome SMS in the outbox', 'ms', [
      {
        name: 'latency',
        bars: [
          { label: 'p50', value: sms.p50 },
          { label: 'p95', value: sms.p95 },
          { label: 'p99', value: sms.p99 },
        ],
      },
    ]),
  ];
}

async function main(): Promise<void> {
  const stack = await startStack(server);
  const running: BenchProcess[] = [];
  try {
    running.push(await startWorkerProcess(stack.env));
    const api = await startApiProcess({
      ...stack.env,
      ACTIVATION_API_TOKEN: token,
      // E.g. `--cpu-prof --cpu-prof-dir=…` to see where the API's time goes.
      ...(args['api-node-options'] ? { NODE_OPTIONS: args['api-node-options'] } : {}),
    });
    running.push(api);
    const figures = await measure(stack, api);
    print(figures);
    process.stdout.write(`result: ${await writeResult(`activation-${server}`, figures)}\n`);
    process.stdout.write(`charts: ${(await writeCharts(figures)).join(', ')}\n`);
  } finally {
    for (const child of running.reverse()) await child.stop();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
