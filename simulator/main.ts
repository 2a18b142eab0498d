/**
 * `npm run simulate`: a province's 90 days against the real system (docs/simulation.md).
 *
 *   npm run simulate -- [--subscribers 300] [--seed 1] [--day-seconds 3] [--activation-days 20]
 *                       [--server dev|cluster] [--workers 1] [--faults all|none|worker-kill,api-restart,…]
 *                       [--manager-capacity 40] [--tasks-per-hour 6] [--late 0.1] [--neglected 0.05]
 *                       [--not-reached 0.1] [--reassign 0.3] [--raw-sample 20] [--report <name>]
 *
 * Prints a progress line while it runs and the report at the end (also bench/results/simulation-<seed>
 * .json and .html); exits 1 when an invariant is breached.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../platform/logger';
import { writeReport, terminalReport } from './report';
import { faultKinds, simulate, type FaultKind } from './run';

const { values: args } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    'day-seconds': { type: 'string', default: '3' },
    'activation-days': { type: 'string', default: '20' },
    server: { type: 'string', default: 'dev' },
    workers: { type: 'string', default: '1' },
    faults: { type: 'string', default: 'none' },
    'manager-capacity': { type: 'string', default: '40' },
    'tasks-per-hour': { type: 'string', default: '6' },
    late: { type: 'string', default: '0.1' },
    neglected: { type: 'string', default: '0.05' },
    'not-reached': { type: 'string', default: '0.1' },
    reassign: { type: 'string', default: '0.3' },
    'raw-sample': { type: 'string', default: '20' },
    /** The report's name in bench/results/ (default simulation-<seed>). */
    report: { type: 'string' },
  },
});

function number(flag: keyof typeof args, { min, max, whole }: { min: number; max: number; whole?: boolean }): number {
  const value = Number(args[flag]);
  if (!Number.isFinite(value) || value < min || value > max || (whole && !Number.isInteger(value)))
    throw new Error(`--${flag} ${String(args[flag])}: must be ${whole ? 'a whole number ' : ''}from ${min} to ${max}`);
  return value;
}

function faults(value: string): FaultKind[] {
  if (value === 'none') return [];
  if (value === 'all') return [...faultKinds];
  const kinds = value.split(',');
  for (const kind of kinds)
    if (!(faultKinds as readonly string[]).includes(kind))
      throw new Error(`--faults ${value}: each one of ${faultKinds.join(', ')} (or all, none)`);
  return kinds as FaultKind[];
}

async function main(): Promise<void> {
  const server = args.server;
  if (server !== 'dev' && server !== 'cluster') throw new Error(`--server ${server}: must be dev or cluster`);
  const seed = number('seed', { min: 0, max: 2 ** 31, whole: true });
  const report = await simulate({
    seed,
    subscribers: number('subscribers', { min: 1, max: 100_000, whole: true }),
    activationDays: number('activation-days', { min: 1, max: 60, whole: true }),
    daySeconds: number('day-seconds', { min: 0.5, max: 86_400 }),
    server,
    workers: number('workers', { min: 1, max: 16, whole: true }),
    faults: faults(String(args.faults)),
    managerCapacity: number('manager-capacity', { min: 0, max: 10_000, whole: true }),
    staff: {
      tasksPerHour: number('tasks-per-hour', { min: 1, max: 1_000 }),
      late: number('late', { min: 0, max: 0.5 }),
      neglected: number('neglected', { min: 0, max: 0.5 }),
      notReached: number('not-reached', { min: 0, max: 1 }),
      reassign: number('reassign', { min: 0, max: 1 }),
    },
    rawSample: number('raw-sample', { min: 0, max: 100_000, whole: true }),
    // 18 September 2026, 08:00 in Beijing: activations from the 20th run into the eve of 国庆 and the holiday.
    simulatedStart: Date.parse('2026-09-18T00:00:00.000Z'),
    log: createLogger('simulate', process.env.SIMULATE_LOG_LEVEL ?? 'warn'),
    progress: (line) => process.stdout.write(`[simulate] ${line}\n`),
  });
  process.stdout.write(terminalReport(report));
  const { json, html } = await writeReport(args.report ?? `simulation-${seed}`, report);
  process.stdout.write(`report: ${json}\n        ${html}\n`);
  // Exit explicitly: embedded PostgreSQL's exit hook ends the process with 0 on 'beforeExit',
  // whatever process.exitCode says, so a breached run would pass.
  process.exit(report.invariants.every((invariant) => invariant.held) ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
