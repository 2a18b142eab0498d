// Longer than ~250 lines on purpose: one run of the simulation in order: the system, the staff, the
// province's 90 days, the faults, the wait for every journey's end, the evidence and the report.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../platform/logger';
import { ApiClient } from './api-client';
import { SimClock } from './clock';
import { sampleDaily, type DaySample } from './daily';
import { gatherEvidence } from './evidence';
import { checkInvariants, type InvariantResult } from './invariants';
import { generatePopulation, rosterOf } from './population';
import { Province } from './province';
import { Random } from './random';
import { onboardStaff, StaffBot, type StaffBehaviour, type StaffLedger } from './staff';
import { SimSystem, type SimServer } from './system';

const DAY = 86_400_000;

export const faultKinds = ['worker-kill', 'api-restart', 'temporal-restart', 'database-cut'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface SimulationOptions {
  seed: number;
  subscribers: number;
  /** Activations fall over this many simulated days. */
  activationDays: number;
  /** Real seconds a simulated day lasts. */
  daySeconds: number;
  server: SimServer;
  workers: number;
  faults: FaultKind[];
  managerCapacity: number;
  staff: StaffBehaviour;
  /** Raw histories read for personal data. */
  rawSample: number;
  /** The business clock's start (simulated); activations begin two days later. */
  simulatedStart: number;
  log: Logger;
  progress: (line: string) => void;
}

/** The run's outcome: every invariant's line, the figures, the daily samples. */
export interface SimulationReport {
  options: Omit<SimulationOptions, 'log' | 'progress' | 'simulatedStart'> & { simulatedStart: string };
  invariants: InvariantResult[];
  figures: Record<string, unknown>;
  days: DaySample[];
  /** What the run did not reach (so its invariants could not speak of it). */
  unreached: string[];
  faultsInjected: { kind: FaultKind; simulatedDay: number }[];
}

export async function simulate(options: SimulationOptions): Promise<SimulationReport> {
  const random = new Random(options.seed);
  const msPerDay = options.daySeconds * 1_000;
  const system = await SimSystem.start({
    server: options.server,
    workers: options.workers,
    msPerDay,
    log: options.log,
  });
  try {
    return await run(system, random, options, msPerDay);
  } finally {
    await system.stop();
  }
}

async function run(
  system: SimSystem,
  random: Random,
  options: SimulationOptions,
  msPerDay: number,
): Promise<SimulationReport> {
  const started = Date.now();
  // The roster's links and the sign-ins need the API: it starts on a provisional clock, and again on the
  // run's once the staff are in, so that the first activations find the system ready.
  const provisional = new SimClock(msPerDay, options.simulatedStart);
  const subscribers = generatePopulation(random, {
    subscribers: options.subscribers,
    activationDays: options.activationDays,
    start: options.simulatedStart + 2 * DAY,
  });
  const rosterFile = join(tmpdir(), `simulation-roster-${options.seed}-${process.pid}.csv`);
  await writeFile(rosterFile, rosterOf(options.subscribers, options.managerCapacity));
  const imported = await system.runCommand('scripts/staff-admin.ts', ['import', rosterFile]);
  await system.startApi(provisional);
  const api = new ApiClient(() => system.apiUrl);
  const staff = await onboardStaff(imported, api, system.prisma);
  const clock = new SimClock(msPerDay, options.simulatedStart, Date.now() + 2_000);
  await system.restartApi(clock);
  const supervisor = staff.find((member) => member.role === 'supervisor');
  if (!supervisor) throw new Error('the roster has no supervisor');
  options.progress(`staff: ${staff.length} imported and signed in; ${subscribers.length} subscribers to activate`);

  let stopping = false;
  const ledger: StaffLedger = {
    completed: 0,
    notReached: 0,
    reassigned: 0,
    refused: new Map(),
    unknownTypes: new Set(),
  };
  const bots = staff.map((member) =>
    new StaffBot(member, staff, api, clock, random, options.staff, ledger).run(system.prisma, () => stopping),
  );
  const samples = sampleDaily(system.prisma, clock, () => stopping);
  const province = new Province(subscribers, api, clock, random, {
    activation: system.activationToken,
    inbound: system.inboundToken,
  });
  const phones = (async () => {
    while (!stopping) {
      await province.answerMarketing(system.gateway);
      await province.serveOrders();
      await sleep(Math.max(200, clock.realSpan(DAY / 12)));
    }
  })();
  const progress = (async () => {
    while (!stopping) {
      await sleep(Math.max(5_000, msPerDay * 5));
      const open = await system.prisma.task.count({ where: { status: 'open' } });
      const running = await system.prisma.journey.count({ where: { status: 'running' } });
      options.progress(
        `day ${clock.day().toFixed(0)}: ${province.ledger.activations.size}/${subscribers.length} activated, ${running} running, ${open} open tasks, ${system.gateway.deliveries.size} SMS, staff ${ledger.completed} done`,
      );
    }
  })();

  const lastActivation = Math.max(...subscribers.map((subscriber) => subscriber.activateAt));
  const faultsInjected = await Promise.all([
    province.play(),
    injectFaults(system, clock, random, options.faults, options.simulatedStart + 2 * DAY, lastActivation + 80 * DAY),
  ]).then(([, faults]) => faults);
  options.progress('every happening sent: waiting for the journeys to end');
  await untilJourneysEnded(system, clock);
  const playedMs = Date.now() - started;
  stopping = true;
  await Promise.all([...bots, phones, progress]);
  const days = await samples;

  options.progress('gathering the evidence');
  const evidence = await gatherEvidence({
    subscribers,
    province: province.ledger,
    staff: ledger,
    api,
    activationToken: system.activationToken,
    supervisorToken: supervisor.token,
    client: system.client,
    prisma: system.prisma,
    gateway: system.gateway,
    rawSample: options.rawSample,
  });
  const invariants = checkInvariants(evidence, clock);
  const seconds = playedMs / 1_000;
  const tasks = evidence.rows.tasks.length;
  const accepted = [...province.ledger.activations.values()].filter((status) => status === 200 || status === 201);
  const smsKinds = new Map<string, number>();
  for (const { template } of evidence.rows.sms) smsKinds.set(template, (smsKinds.get(template) ?? 0) + 1);
  const taskTypes = new Map<string, number>();
  for (const task of evidence.rows.tasks) taskTypes.set(task.type, (taskTypes.get(task.type) ?? 0) + 1);
  const figures = {
    realSeconds: Math.round(seconds),
    simulatedDays: Math.round(clock.day()),
    subscribers: subscribers.length,
    activations: Object.fromEntries(count(province.ledger.activations.values())),
    journeys: accepted.length,
    tasks,
    sms: evidence.deliveries.size,
    gatewayRetries: [...evidence.gatewayRequests.values()].filter((requests) => requests > 1).length,
    journeysPerSecond: round(accepted.length / seconds),
    tasksPerSecond: round(tasks / seconds),
    smsPerSecond: round(evidence.deliveries.size / seconds),
    smsByKind: Object.fromEntries(smsKinds),
    tasksByType: Object.fromEntries(taskTypes),
    events: Object.fromEntries(province.ledger.events),
    inboundSms: Object.fromEntries(province.ledger.inbound),
    bssOrders: Object.fromEntries(province.ledger.orders),
    marketingReplies: province.ledger.marketingReplies,
    staff: {
      members: staff.length,
      completed: ledger.completed,
      notReached: ledger.notReached,
      reassigned: ledger.reassigned,
      refused: Object.fromEntries(ledger.refused),
      typesNoBotWorks: [...ledger.unknownTypes],
    },
    workflowTasksTimedOut: [...evidence.executions.values()].reduce((sum, e) => sum + e.timedOutWorkflowTasks, 0),
    apiAnswers: Object.fromEntries(api.statuses),
  };
  const expectedKinds = [
    'payment_reminder',
    'marketing_vas',
    'unsubscribe_confirmed',
    'promotion_launched',
    'help_reply',
  ];
  const expectedTasks = [
    'club_service_order',
    'payment_reminder_call',
    'vas_order',
    'callback',
    'hotline_callback',
    'plan_fit_consultation',
    'journey_fault',
    'network_ticket',
    'vip_assignment',
  ];
  const unreached = [
    ...expectedKinds.filter((kind) => !smsKinds.has(kind)).map((kind) => `no ${kind} SMS`),
    ...expectedTasks.filter((type) => !taskTypes.has(type)).map((type) => `no ${type} task`),
  ];
  const { log: _log, progress: _progress, simulatedStart, ...rest } = options;
  return {
    options: { ...rest, simulatedStart: new Date(simulatedStart).toISOString() },
    invariants,
    figures,
    days,
    unreached,
    faultsInjected,
  };
}

/** The faults asked for, each once at a random simulated day inside the journeys' busiest span. */
async function injectFaults(
  system: SimSystem,
  clock: SimClock,
  random: Random,
  kinds: FaultKind[],
  from: number,
  to: number,
): Promise<{ kind: FaultKind; simulatedDay: number }[]> {
  const planned = kinds
    .map((kind) => ({ kind, at: from + random.fraction() * (to - from) }))
    .sort((a, b) => a.at - b.at);
  const injected: { kind: FaultKind; simulatedDay: number }[] = [];
  for (const { kind, at } of planned) {
    await clock.until(at);
    injected.push({ kind, simulatedDay: Math.round(clock.day()) });
    if (kind === 'worker-kill') await system.killWorker(random.int(0, system.workerCount - 1));
    if (kind === 'api-restart') await system.restartApi();
    if (kind === 'temporal-restart') await system.restartTemporal(2_000);
    if (kind === 'database-cut') await system.cutDatabase(3_000);
  }
  return injected;
}

/** Waits until no journey is running; gives up when none has ended for 15 simulated days. */
async function untilJourneysEnded(system: SimSystem, clock: SimClock): Promise<void> {
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const running = await system.prisma.journey.count({ where: { status: 'running' } });
    if (running === 0) return;
    if (running !== last) [last, lastChange] = [running, Date.now()];
    if (Date.now() - lastChange > clock.realSpan(15 * DAY)) return;
    await sleep(Math.max(500, clock.realSpan(DAY / 2)));
  }
}

function count(values: Iterable<number>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  return counts;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
