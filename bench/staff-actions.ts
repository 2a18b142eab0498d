/**
 * What staff wait for when they click: a task reassignment (supervisor → another store's clerk) and
 * its completion (that clerk ticks the coaching checklist), each timed from the request to its answer,
 * on three sides in one run: the API (`POST /v1/tasks/:id/reassign|complete`), the staff UI's form
 * routes (`POST /ui/tasks/:id/reassign|complete`, to their 303), and the same workflow updates sent
 * directly with the Temporal client on the same server. N journeys per side (default 200, `--n`), one
 * action at a time, the sides interleaved (each round starts with another side), so a neighbour's load
 * lands on all three. Twice: with the worker caching journeys (its default), and with a worker that
 * caches nothing (every update replays the journey's history first).
 *
 * Prints p50/p95/p99 of each side and action and API p99 ÷ direct p99 (goal: at most 1.3), and how
 * often the inbox row did not yet show the change when the answer came (goal: never); the load average
 * before and during the run.
 *
 *   npm run bench:staff-actions [-- --n 200 --server dev|cluster]
 */
import { executeStaffUpdate } from '../platform/staff-update';
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SESSION_COOKIE } from '../api/staff-access/auth';
import { reassignTask, completeTask } from '../workflows/messages';
import { journeyWorkflowId } from '../workflows/state';
import type { JourneyTask, TaskOutcome } from '../workflows/tasks';
import { latencySummary, type LatencySummary } from './latency';
import { loadLine, loadSettled, watchLoad, writeBarChart, writeResult } from './report';
import {
  benchServer,
  benchStaffPassword,
  positiveInteger,
  round,
  startApiProcess,
  startStack,
  startWorkerProcess,
  waitForCount,
  waitForIdle,
  type BenchProcess,
  type DevStack,
} from './stack';
import { activation, demoActor, postActivations } from './subscribers';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '200' },
    server: { type: 'string' },
  },
});
const n = positiveInteger('n', args.n);
const server = benchServer(args.server);
const token = randomBytes(24).toString('hex');
const run = randomBytes(3).toString('hex');
/** Journeys per side whose actions are not measured: the first requests warm pools and code paths. */
const WARM_UP = 10;

const sides = ['api', 'ui', 'direct'] as const;
type Side = (typeof sides)[number];
const actions = ['reassign', 'complete'] as const;
type Action = (typeof actions)[number];

const supervisor = demoActor('S-SUPERVISOR');
const clerk = demoActor('S-STORE-JN002');

/** A journey's coaching task, as the bench acts on it. */
interface Target {
  taskId: string;
  subscriberId: string;
  checklist: string[];
}

/** The staff's sessions: the API takes them as bearer tokens, the pages as the session cookie. */
interface Sessions {
  supervisor: string;
  clerk: string;
}

async function signIn(api: BenchProcess, username: string): Promise<string> {
  const response = await fetch(`${api.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: benchStaffPassword }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

const coachingOutcome = (target: Target): TaskOutcome<'onboarding_coaching'> => ({
  checklist: Object.fromEntries(target.checklist.map((item) => [item, { done: true as const }])),
});

/** Sends one action on one side; resolves when staff would have their answer. */
async function send(
  stack: DevStack,
  api: BenchProcess,
  sessions: Sessions,
  side: Side,
  action: Action,
  target: Target,
) {
  const path = `/tasks/${encodeURIComponent(target.taskId)}/${action}`;
  const session = action === 'reassign' ? sessions.supervisor : sessions.clerk;
  if (side === 'direct') {
    const handle = stack.client.workflow.getHandle(journeyWorkflowId(target.subscriberId));
    if (action === 'reassign') {
      await executeStaffUpdate(handle, reassignTask, { taskId: target.taskId, actor: supervisor, assignee: clerk });
    } else {
      await executeStaffUpdate(handle, completeTask, {
        taskId: target.taskId,
        actor: clerk,
        outcome: coachingOutcome(target),
      });
    }
    return;
  }
  if (side === 'api') {
    const body = action === 'reassign' ? { assigneeId: clerk.staffId } : { outcome: coachingOutcome(target) };
    const response = await fetch(`${api.url}/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${side} ${action} ${target.taskId}: ${response.status} ${text}`);
    return;
  }
  // The form as the task page posts it: its request id, and every checklist item ticked done.
  const form: Record<string, string> =
    action === 'reassign'
      ? { requestId: randomUUID(), assigneeId: clerk.staffId }
      : { requestId: randomUUID(), ...Object.fromEntries(target.checklist.map((item) => [`item_${item}`, 'done'])) };
  const response = await fetch(`${api.url}/ui${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: `${SESSION_COOKIE}=${session}`,
      origin: api.url,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form).toString(),
  });
  await response.text();
  if (response.status !== 303) throw new Error(`${side} ${action} ${target.taskId}: ${response.status}`);
}

/** True when the inbox row shows what `action` changed: staff reading their inbox now see it. */
async function inboxShows(stack: DevStack, action: Action, target: Target): Promise<boolean> {
  const row = await stack.database.prisma.task.findUniqueOrThrow({
    where: { id: target.taskId },
    select: { status: true, assigneeId: true },
  });
  return action === 'reassign' ? row.assigneeId === clerk.staffId : row.status === 'completed';
}

/** Activates `count` journeys per side through the API and waits until each coaching task is in the inbox. */
async function journeys(stack: DevStack, api: BenchProcess, phase: string, count: number) {
  const bodies = Array.from({ length: count * sides.length }, (_, i) =>
    activation(`STAFF-${phase}-${run}-${i}`, `13${phase === 'cached' ? '6' : '7'}${String(i).padStart(8, '0')}`),
  );
  await postActivations(api, token, bodies, 8);
  const where = {
    type: 'onboarding_coaching',
    subscriberId: { in: bodies.map((body) => body.subscriberId) },
  };
  const { prisma } = stack.database;
  await waitForCount('coaching tasks', () => prisma.task.count({ where }), bodies.length);
  const rows = await prisma.task.findMany({ where, select: { id: true, subscriberId: true, payload: true } });
  const targets = rows.map((row) => ({
    taskId: row.id,
    subscriberId: row.subscriberId,
    checklist: (row.payload as JourneyTask['payload']).checklist as string[],
  }));
  return Object.fromEntries(sides.map((side, s) => [side, targets.filter((_, i) => i % sides.length === s)])) as Record<
    Side,
    Target[]
  >;
}

type Timings = Record<Side, Record<Action, number[]>>;

/** One phase: a worker started with `workerEnv`, its journeys, then every action of every side, interleaved. */
async function phase(
  stack: DevStack,
  api: BenchProcess,
  sessions: Sessions,
  name: string,
  workerEnv: Record<string, string>,
) {
  const worker = await startWorkerProcess({ ...stack.env, ...workerEnv });
  try {
    const targets = await journeys(stack, api, name, WARM_UP + n);
    // Starting the journeys leaves activities and workflow tasks behind, and the machine's load raised:
    // measure on a quiet worker and machine.
    await waitForIdle(worker.pid);
    await loadSettled();
    const timings: Timings = {
      api: { reassign: [], complete: [] },
      ui: { reassign: [], complete: [] },
      direct: { reassign: [], complete: [] },
    };
    const behind: Record<Side, number> = { api: 0, ui: 0, direct: 0 };
    const load = watchLoad();
    for (let turn = 0; turn < WARM_UP + n; turn++) {
      const order = sides.map((_, i) => sides[(turn + i) % sides.length]!);
      for (const action of actions) {
        for (const side of order) {
          const target = targets[side][turn]!;
          const started = performance.now();
          await send(stack, api, sessions, side, action, target);
          const ms = performance.now() - started;
          if (turn < WARM_UP) continue;
          timings[side][action].push(ms);
          if (!(await inboxShows(stack, action, target))) behind[side] += 1;
        }
      }
    }
    return { ...summarise(name, timings, behind), load: load.stop() };
  } finally {
    await worker.stop();
  }
}

function summarise(name: string, timings: Timings, behind: Record<Side, number>) {
  const summary = (side: Side) => ({
    reassign: latencySummary(timings[side].reassign),
    complete: latencySummary(timings[side].complete),
    both: latencySummary([...timings[side].reassign, ...timings[side].complete]),
  });
  const [api, ui, direct] = [summary('api'), summary('ui'), summary('direct')];
  const ratio = (ours: ReturnType<typeof summary>) => ({
    reassign: round(ours.reassign.p99 / direct.reassign.p99),
    complete: round(ours.complete.p99 / direct.complete.p99),
    both: round(ours.both.p99 / direct.both.p99),
  });
  return {
    phase: name,
    actionsPerSide: n * actions.length,
    api,
    ui,
    direct,
    apiP99OverDirect: ratio(api),
    uiP99OverDirect: ratio(ui),
    inboxBehindAtAnswer: behind,
  };
}

type PhaseFigures = Awaited<ReturnType<typeof phase>>;

function print(figures: PhaseFigures): void {
  const line = (label: string, { p50, p95, p99 }: LatencySummary) =>
    `    ${label.padEnd(22)} p50 ${p50} ms  p95 ${p95} ms  p99 ${p99} ms`;
  const lines = [`  ${figures.phase}: ${n} reassignments and ${n} completions per side`];
  for (const action of actions) {
    lines.push(
      line(`API ${action}`, figures.api[action]),
      line(`UI form ${action}`, figures.ui[action]),
      line(`direct ${action}`, figures.direct[action]),
    );
  }
  const { apiP99OverDirect: a, uiP99OverDirect: u, inboxBehindAtAnswer: behind } = figures;
  lines.push(
    `    API ÷ direct at p99     reassign ${a.reassign.toFixed(2)}, complete ${a.complete.toFixed(2)}, both ${a.both.toFixed(2)} (goal ≤ 1.3)`,
    `    UI form ÷ direct at p99 reassign ${u.reassign.toFixed(2)}, complete ${u.complete.toFixed(2)}, both ${u.both.toFixed(2)}`,
    `    inbox row behind the answer: API ${behind.api}, UI ${behind.ui}, direct ${behind.direct} (goal 0 for API and UI)`,
    `    while measured: ${loadLine(figures.load)}`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<void> {
  const load = watchLoad();
  const stack = await startStack(server);
  let api: BenchProcess | undefined;
  try {
    api = await startApiProcess({ ...stack.env, ACTIVATION_API_TOKEN: token });
    const sessions = { supervisor: await signIn(api, 'supervisor.sun'), clerk: await signIn(api, 'store.jn002') };
    process.stdout.write(`staff actions, ${server} server, one at a time, sides interleaved\n`);
    const cached = await phase(stack, api, sessions, 'cached', {});
    print(cached);
    const uncached = await phase(stack, api, sessions, 'uncached', { WORKER_MAX_CACHED_WORKFLOWS: '0' });
    print(uncached);
    // Starting the journeys loads the machine by itself: what counts is the load before the run and
    // while the actions were measured.
    const runLoad = load.stop();
    const noisy = [runLoad.before, cached.load.duringMax, uncached.load.duringMax].some((v) => v > 2 * runLoad.cores);
    process.stdout.write(`  whole run, journey starts included: ${loadLine({ ...runLoad, noisy })}\n`);
    const name = `staff-actions-${server}`;
    const figures = { server, n, phases: [cached, uncached], load: { ...runLoad, noisy } };
    process.stdout.write(`result: ${await writeResult(name, figures)}\n`);
    const bars = (pick: (figures: PhaseFigures) => LatencySummary) =>
      [cached, uncached].flatMap((figures) => [
        { label: `${figures.phase} p50`, value: pick(figures).p50 },
        { label: `${figures.phase} p99`, value: pick(figures).p99 },
      ]);
    const chart = await writeBarChart(name, `Staff actions: request → answer (${server} server)`, 'ms', [
      { name: 'API', bars: bars((figures) => figures.api.both) },
      { name: 'UI form', bars: bars((figures) => figures.ui.both) },
      { name: 'direct update', bars: bars((figures) => figures.direct.both) },
    ]);
    process.stdout.write(`chart: ${chart}\n`);
  } finally {
    await api?.stop();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
