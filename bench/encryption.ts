/**
 * What encrypting payloads costs (issue 8): N journeys (default 300, `--n`) started 16 at a time
 * (`--concurrency`) with `client.workflow.start`, as the API starts them (the plan in the input, the
 * subscriber already recorded), once with the production data converter (per-subscriber keys) and
 * once with a bench-only converter without the codec, side by side in one run: the start rate and
 * the time from each start to its welcome SMS row, and encrypted ÷ plain for both.
 *
 * The codec-off converter exists only here: production has no switch to turn encryption off. The
 * worker runs in this process (one per variant, each on its own task queue) so both variants run the
 * same code with a different converter; real Temporal server (`--server dev|cluster`), embedded
 * PostgreSQL.
 *
 *   npm run bench:encryption [-- --n 300 --concurrency 16 --server dev]
 */
import { parseArgs } from 'node:util';
import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import { toPlanTerms } from '../activities/catalog';
import { failureConverterPath } from '../platform/payload-codec';
import { createProtection } from '../platform/protection';
import { latencySummary } from './latency';
import { writeBarChart, writeResult } from './report';
import {
  benchMasterKeys,
  benchServer,
  createBenchWorker,
  inPool,
  positiveInteger,
  round,
  startStack,
  waitForCount,
  type DevStack,
} from './stack';
import { activation, journeyInput, recordSubscribers } from './subscribers';
import { startJourney } from '../platform/start-journey';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '16' },
    server: { type: 'string' },
  },
});
const n = positiveInteger('n', args.n);
const concurrency = positiveInteger('concurrency', args.concurrency);
const server = benchServer(args.server);

/** Payloads as JSON, failures still moved into them: everything but the codec. */
const plainConverter: DataConverter = { failureConverterPath };

async function variant(stack: DevStack, name: 'encrypted' | 'plain', msisdnPrefix: string) {
  const { prisma } = stack.database;
  const dataConverter = name === 'encrypted' ? createProtection(prisma, benchMasterKeys).dataConverter : plainConverter;
  const taskQueue = `${stack.taskQueue}-${name}`;
  const connection = await NativeConnection.connect({ address: stack.env.TEMPORAL_ADDRESS! });
  const worker = await createBenchWorker(connection, taskQueue, prisma, name === 'plain' ? plainConverter : undefined);
  const running = worker.run();
  const client = new Client({ connection: stack.client.connection, namespace: 'default', dataConverter });
  try {
    const plan = toPlanTerms(await prisma.plan.findUniqueOrThrow({ where: { code: 'A66' } }));
    const start = async (prefix: string, round: number, count: number) => {
      const bodies = Array.from({ length: count }, (_, i) =>
        activation(`${prefix}-${i}`, `${msisdnPrefix}${round}${String(i).padStart(8, '0')}`),
      );
      await recordSubscribers(prisma, bodies);
      const startedAt = new Map<string, number>();
      const began = performance.now();
      await inPool(bodies, concurrency, async (body) => {
        await startJourney(client, taskQueue, { ...journeyInput(body), plan });
        startedAt.set(body.subscriberId, Date.now());
      });
      const seconds = (performance.now() - began) / 1000;
      const where = { template: 'welcome', subscriberId: { startsWith: `${prefix}-` } };
      await waitForCount(`welcome SMS (${name})`, () => prisma.smsMessage.count({ where }), count);
      const rows = await prisma.smsMessage.findMany({ where, select: { subscriberId: true, createdAt: true } });
      return { seconds, latencies: rows.map((row) => row.createdAt.getTime() - startedAt.get(row.subscriberId)!) };
    };
    await start(`WARM-${taskQueue}`, 0, concurrency);
    const { seconds, latencies } = await start(`ENC-${taskQueue}`, 1, n);
    return { startsPerSecond: round(n / seconds), firstSmsMs: latencySummary(latencies) };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}

async function main(): Promise<void> {
  const stack = await startStack(server);
  try {
    const plain = await variant(stack, 'plain', '16');
    const encrypted = await variant(stack, 'encrypted', '19');
    const figures = {
      server,
      n,
      concurrency,
      plain,
      encrypted,
      startRateEncryptedOverPlain: round(encrypted.startsPerSecond / plain.startsPerSecond),
      firstSmsP50EncryptedOverPlain: round(encrypted.firstSmsMs.p50 / plain.firstSmsMs.p50),
      firstSmsP99EncryptedOverPlain: round(encrypted.firstSmsMs.p99 / plain.firstSmsMs.p99),
    };
    const line = (label: string, v: typeof plain) =>
      `  ${label.padEnd(10)} ${v.startsPerSecond.toFixed(1).padStart(6)} starts/s   first SMS p50 ${v.firstSmsMs.p50} ms  p95 ${v.firstSmsMs.p95} ms  p99 ${v.firstSmsMs.p99} ms`;
    process.stdout.write(
      [
        `payload encryption: ${n} journeys each way, ${concurrency} at a time, ${server} server`,
        line('plain', plain),
        line('encrypted', encrypted),
        `  encrypted ÷ plain: start rate ${figures.startRateEncryptedOverPlain}, first SMS p50 ${figures.firstSmsP50EncryptedOverPlain}, p99 ${figures.firstSmsP99EncryptedOverPlain}`,
        '',
      ].join('\n'),
    );
    const name = `encryption-${server}`;
    process.stdout.write(`result: ${await writeResult(name, figures)}\n`);
    const chart = await writeBarChart(name, `Encryption on vs off (${server} server)`, 'ms or starts/s', [
      {
        name: 'plain',
        bars: [
          { label: 'starts/s', value: plain.startsPerSecond },
          { label: 'first SMS p50', value: plain.firstSmsMs.p50 },
          { label: 'first SMS p99', value: plain.firstSmsMs.p99 },
        ],
      },
      {
        name: 'encrypted',
        bars: [
          { label: 'starts/s', value: encrypted.startsPerSecond },
          { label: 'first SMS p50', value: encrypted.firstSmsMs.p50 },
          { label: 'first SMS p99', value: encrypted.firstSmsMs.p99 },
        ],
      },
    ]);
    process.stdout.write(`chart: ${chart}\n`);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
