/**
 * What one cached journey costs the worker's V8 heap, for different workflow bundles side by side in
 * one run: for each bundle, a worker in this process opens N journeys (default 200, `--n`) with a
 * cache large enough to hold them all, waits until each has settled (welcome SMS sent, coaching task
 * in the inbox) and the worker is quiet, collects garbage and reads the heap; then stops the worker
 * (its cache goes with it) before the next bundle. Heap per journey = (heap with N cached − heap
 * before) ÷ N. The bundles: `shared` (as workers/main.ts bundles, stateless modules loaded once and
 * shared by every journey) and `per-journey` (every module loaded again for each journey, as the
 * SDK does by default). Complements `bench:footprint`, which measures the worker process's RSS.
 *
 * Real Temporal dev server and embedded PostgreSQL in temporary folders on free ports.
 *
 *   npm run bench:workflow-heap [-- --n 200 --preload zod,/abs/path/of/a/module.ts]
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { outboxProvider } from '../activities/sms-provider';
import { failureConverterPath } from '../platform/payload-codec';
import { createProtection } from '../platform/protection';
import { workflowBundlerOptions } from '../workers/workflow-bundle';
import { percentile, writeBarChart, writeResult } from './report';
import { benchMasterKeys, positiveInteger, round, startDevStack, waitForCount, type DevStack } from './stack';
import { activation, journeyInput, startJourneys } from './subscribers';

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '200' }, preload: { type: 'string' } } });
const n = positiveInteger('n', args.n);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function heapMiB(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((done) => setTimeout(done, 100));
  }
  return process.memoryUsage().heapUsed / 2 ** 20;
}

async function measure(stack: DevStack, name: string, code: string, first: number) {
  const connection = await NativeConnection.connect({ address: stack.env.TEMPORAL_ADDRESS! });
  const taskQueue = `${stack.taskQueue}-${name}`;
  const { prisma } = stack.database;
  const protection = createProtection(prisma, benchMasterKeys);
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: { code },
    dataConverter: protection.dataConverter,
    activities: createActivities({ prisma, smsProvider: outboxProvider, protection }),
    maxCachedWorkflows: n + 50,
    // Workflows in this thread instead of the SDK's workflow thread, so that this heap holds them.
    debugMode: true,
  });
  const running = worker.run();
  try {
    const before = await heapMiB();
    const prefix = `HEAP-${name}-`;
    const bodies = Array.from({ length: n }, (_, i) =>
      activation(`${prefix}${i}`, `16${String(first + i).padStart(9, '0')}`),
    );
    await startJourneys(stack.client, taskQueue, bodies.map(journeyInput), 16);
    const subscriberId = { startsWith: prefix };
    await waitForCount('coaching tasks', () => prisma.task.count({ where: { subscriberId } }), n);
    await waitForCount(
      'welcome SMS',
      () => prisma.smsMessage.count({ where: { subscriberId, template: 'welcome', status: 'sent' } }),
      n,
    );
    // The last workflow tasks finish after the rows they wrote.
    await new Promise((done) => setTimeout(done, 3_000));
    const samples = [];
    for (let i = 0; i < 3; i++) samples.push(await heapMiB());
    const cached = percentile(samples, 50);
    return {
      bundle: name,
      bundleKiB: round(code.length / 1024),
      heapMiB: { before: round(before), cached: round(cached) },
      kibPerJourney: round(((cached - before) * 1024) / n),
    };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}

async function main(): Promise<void> {
  const logger = new DefaultLogger('WARN');
  const common = { workflowsPath: require.resolve('../workflows'), failureConverterPath, logger };
  const variants: [string, string[]][] = [
    ['per-journey', []],
    ['shared', workflowBundlerOptions.preloadModules],
    ...(args.preload ? [['trial', args.preload.split(',')] as [string, string[]]] : []),
  ];
  const bundles: [string, string][] = [];
  for (const [name, preloadModules] of variants) {
    bundles.push([name, (await bundleWorkflowCode({ ...common, preloadModules })).code]);
  }
  const stack = await startDevStack();
  const results = [];
  try {
    for (const [i, [name, code]] of bundles.entries()) {
      const figures = await measure(stack, name, code, i * n);
      process.stdout.write(
        `${name.padEnd(12)} bundle ${figures.bundleKiB} KiB  heap ${figures.heapMiB.before} → ${figures.heapMiB.cached} MiB with ${n} cached: ${figures.kibPerJourney} KiB per journey\n`,
      );
      results.push(figures);
    }
    process.stdout.write(`result: ${await writeResult('workflow-heap', { journeys: n, results })}\n`);
    const chart = await writeBarChart('workflow-heap', `V8 heap per cached journey (${n} cached)`, 'KiB', [
      { name: 'heap per journey', bars: results.map((r) => ({ label: r.bundle, value: r.kibPerJourney })) },
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
