// Longer than ~250 lines on purpose: it scripts a whole release's data folder (journeys finished and
// running, with staff updates) in one run, once per release.
/**
 * `npm run fixture:record -- <name>`: records a data folder as `npm start` leaves it, made by THIS
 * checkout's code, for the upgrade test (test/upgrade.test.ts) of the next release. Run it on the
 * release commit before changing workflow logic; it writes `test/fixtures/<name>/data.tar.xz` and
 * `manifest.json`.
 *
 * The folder holds journeys that finished (run on compressed days, with completions, reassignments,
 * events and a subscriber leaving) and journeys still running on real days, each started so that its
 * next milestone falls a few minutes after the recording: whenever the test runs later, that
 * milestone is due and the new code's worker must carry the journey past it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createLogger } from '../platform/logger';
import { resolveDevServer } from '../devtools/temporal-binaries';

const run = promisify(execFile);
const projectRoot = resolve(__dirname, '..');
const DAY_MS = 86_400_000;

interface Ports {
  postgres: number;
  temporal: number;
  ui: number;
  api: number;
  health: number;
}

type Json = Record<string, unknown>;

/** `npm start` of this checkout on the given data folder and ports; resolves once it is ready. */
async function startSystem(dataDir: string, ports: Ports, extraEnv: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'scripts/start.ts')], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(ports.postgres),
      TEMPORAL_DEV_SERVER_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      API_PORT: String(ports.api),
      WORKER_HEALTH_PORT: String(ports.health),
      WORKER_METRICS_PORT: '0',
      API_METRICS_PORT: '0',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((ready, failed) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('is running')) ready();
    });
    child.once('exit', (code) => failed(new Error(`npm start exited with ${code} before it was ready:\n${out}`)));
  });
  return child;
}

async function stopSystem(child: ChildProcess): Promise<void> {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGINT');
  await exited;
}

/** A small client of the release's HTTP API. */
class Api {
  private readonly tokens = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly activationToken: string,
    private readonly demoPassword: string,
  ) {}

  async call(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<Json> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as Json;
  }

  async staff(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      const response = await fetch(`${this.base}/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: this.demoPassword }),
      });
      token = ((await response.json()) as { token: string }).token;
      this.tokens.set(username, token);
    }
    return token;
  }

  activate(profile: Json): Promise<Json> {
    return this.call('POST', '/v1/subscribers', this.activationToken, profile);
  }

  event(subscriberId: string, event: Json): Promise<Json> {
    return this.call('POST', `/v1/subscribers/${subscriberId}/events`, this.activationToken, event);
  }

  state(subscriberId: string): Promise<Json> {
    return this.call('GET', `/v1/subscribers/${subscriberId}`, this.activationToken);
  }

  /** Waits until the journey's state satisfies `predicate`. */
  async until(subscriberId: string, predicate: (state: Json) => boolean, patienceMs = 240_000): Promise<Json> {
    const deadline = Date.now() + patienceMs;
    for (;;) {
      const state = await this.state(subscriberId);
      if (predicate(state)) return state;
      if (Date.now() > deadline) throw new Error(`${subscriberId}: not reached; moment ${String(state.moment)}`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }

  /** Waits until the journey shows an open task of `type` and returns it. */
  async openTask(subscriberId: string, type: string): Promise<Json> {
    const isOpen = (task: Json) => task.type === type && task.status === 'open';
    const state = await this.until(subscriberId, (candidate) => (candidate.tasks as Json[]).some(isOpen));
    return (state.tasks as Json[]).find(isOpen)!;
  }

  async complete(subscriberId: string, type: string, username: string, outcome: Json): Promise<void> {
    const task = await this.openTask(subscriberId, type);
    await this.call('POST', `/v1/tasks/${encodeURIComponent(String(task.id))}/complete`, await this.staff(username), {
      outcome,
    });
  }

  async reassign(subscriberId: string, type: string, assigneeId: string): Promise<void> {
    const task = await this.openTask(subscriberId, type);
    await this.call(
      'POST',
      `/v1/tasks/${encodeURIComponent(String(task.id))}/reassign`,
      await this.staff('supervisor.sun'),
      { assigneeId },
    );
  }

  ended(subscriberId: string, patienceMs: number): Promise<Json> {
    return this.until(subscriberId, (state) => state.status !== 'running', patienceMs);
  }
}

function profile(subscriberId: string, msisdn: string, activatedAt: number, overrides: Json = {}): Json {
  return {
    subscriberId,
    msisdn,
    name: '张伟',
    address: '济南市历下区泉城路1号',
    activatedAt: new Date(activatedAt).toISOString(),
    storeId: 'JN001',
    planCode: 'A66',
    paymentType: 'prepaid',
    ...overrides,
  };
}

function coachingDone(task: Json): Json {
  const items = (task.payload as { checklist: string[] }).checklist;
  return { checklist: Object.fromEntries(items.map((item) => [item, { done: true }])) };
}

/** Journeys on days of `daySeconds`, each driven to its end by staff and events. */
async function finishedJourneys(api: Api, daySeconds: number): Promise<string[]> {
  const now = Date.now();
  const day = (n: number) => new Promise((done) => setTimeout(done, n * daySeconds * 1_000));
  const standard = async () => {
    const id = 'REL-STANDARD';
    await api.activate(profile(id, '13900000101', now, { portIn: true, contract: { prepay: 950, monthlyReturn: 39 } }));
    await api.complete(
      id,
      'onboarding_coaching',
      'store.jn001',
      coachingDone(await api.openTask(id, 'onboarding_coaching')),
    );
    await api.event(id, { type: 'inboundSms', messageId: 'rel-1', text: '3' });
    await api.complete(id, 'first_followup_call', 'followup.zhang', { result: 'not_reached' });
    await api.complete(id, 'first_followup_call', 'followup.zhang', {
      result: 'reached',
      issues: [
        { category: 'signal', address: '济南市历下区泉城路1号地下车库', description: '地下车库无信号' },
        { category: 'billing', handling: '已讲解账单项目' },
      ],
    });
    await api.event(id, { type: 'usageReported', month: '2026-11', voiceMinutes: 40, dataMB: 290, sms: 5 });
    await api.complete(id, 'vas_telemarketing', 'tm.liu', { result: 'declined' });
  };
  const vip = async () => {
    const id = 'REL-VIP-GOLD';
    await api.activate(
      profile(id, '13900000102', now, {
        paymentType: 'postpaid',
        firstPaymentDueAt: new Date(now + 45 * daySeconds * 1_000).toISOString(),
      }),
    );
    await api.event(id, { type: 'vipRated', tier: 'gold' });
    await api.complete(
      id,
      'onboarding_coaching',
      'store.jn001',
      coachingDone(await api.openTask(id, 'onboarding_coaching')),
    );
    await api.reassign(id, 'vip_first_call', 'S-AM-JN-WANG');
    await api.complete(id, 'vip_first_call', 'am.wang', { result: 'reached', tierRightsExplained: true });
    await api.event(id, { type: 'usageReported', month: '2026-11', voiceMinutes: 600, dataMB: 50, sms: 5 });
    await api.event(id, { type: 'hotlineAbnormalHangup', at: new Date().toISOString() });
    await api.complete(id, 'hotline_callback', 'hotline.chen', { result: 'reached' });
    await api.complete(id, 'payment_reminder_call', 'am.li', { result: 'reached' });
    await api.complete(id, 'vip_service_recommendation', 'am.li', {
      result: 'reached',
      accepted: [],
      clubInvitationAccepted: true,
    });
  };
  const leaving = async () => {
    const id = 'REL-LEAVES';
    await api.activate(profile(id, '13900000103', now, { initialPassword: '246810' }));
    await day(12);
    await api.event(id, { type: 'subscriberLeft', reason: '携号转出' });
  };
  const unattended = async () => {
    await api.activate(profile('REL-UNATTENDED', '13900000104', now, { tier: 'diamond', paymentType: 'postpaid' }));
  };
  await Promise.all([standard(), vip(), leaving(), unattended()]);
  return ['REL-STANDARD', 'REL-VIP-GOLD', 'REL-LEAVES', 'REL-UNATTENDED'];
}

/**
 * A gold postpaid VIP who drops to standard after the rating and before the payment reminder: this
 * release's payment coaching then reads the released manager and its workflow task fails on every
 * attempt (the journey is frozen). The next release must carry it on.
 */
async function frozenJourney(api: Api, daySeconds: number): Promise<{ id: string; state: Json }> {
  const id = 'REL-FROZEN-DOWNGRADE';
  const now = Date.now();
  const day = (n: number) => new Promise((done) => setTimeout(done, n * daySeconds * 1_000));
  await api.activate(
    profile(id, '13900000105', now, {
      paymentType: 'postpaid',
      firstPaymentDueAt: new Date(now + 25 * daySeconds * 1_000).toISOString(),
    }),
  );
  await day(2);
  await api.event(id, { type: 'vipRated', tier: 'gold' });
  await api.openTask(id, 'vip_first_call');
  await day(3);
  await api.event(id, { type: 'tierChanged', tier: 'standard' });
  // Its state before the reminder: once frozen, reading it fails like every workflow task does.
  return { id, state: await api.until(id, (state) => state.tier === 'standard') };
}

/**
 * Journeys on real days whose next milestone falls `leadMs` after now: the day-4 follow-up of a
 * standard subscriber whose coaching is done (late), and of a VIP whose first call was reassigned, and
 * the day-30 service recommendation of a subscriber whose earlier tasks all lapsed.
 */
async function runningJourneys(api: Api, leadMs: number): Promise<string[]> {
  const now = Date.now();
  const standard = async () => {
    const id = 'REL-RUNNING-STANDARD';
    await api.activate(profile(id, '13900000201', now - 4 * DAY_MS + leadMs));
    await api.complete(
      id,
      'onboarding_coaching',
      'store.jn001',
      coachingDone(await api.openTask(id, 'onboarding_coaching')),
    );
  };
  const vip = async () => {
    const id = 'REL-RUNNING-VIP';
    await api.activate(profile(id, '13900000202', now - 4 * DAY_MS + leadMs, { paymentType: 'postpaid' }));
    await api.event(id, { type: 'vipRated', tier: 'platinum' });
    await api.reassign(id, 'vip_first_call', 'S-AM-JN-WANG');
  };
  const later = async () => {
    const id = 'REL-RUNNING-DAY30';
    await api.activate(profile(id, '13900000203', now - 30 * DAY_MS + leadMs, { storeId: 'JN002' }));
    // Its day 0 to 29 are past: the journey catches up at once, its tasks lapsing on the way.
    await api.until(id, (state) => state.moment === 'first_followup');
  };
  await Promise.all([standard(), vip(), later()]);
  return ['REL-RUNNING-STANDARD', 'REL-RUNNING-VIP', 'REL-RUNNING-DAY30'];
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9.-]+$/.test(name))
    throw new Error('usage: npm run fixture:record -- <name, e.g. release-0.1.0>');
  const log = createLogger('fixture', 'info');
  const root = await mkdtemp(join(tmpdir(), 'journey-fixture-'));
  // The embedded PostgreSQL runs as its own user (as root) and must reach the data folder.
  await chmod(root, 0o755);
  const dataDir = join(root, 'data');
  const ports: Ports = { postgres: 55431, temporal: 7831, ui: 8831, api: 3831, health: 3832 };
  const secret = (file: string) => readFile(join(dataDir, 'secrets', file), 'utf8').then((text) => text.trim());
  const api = async () =>
    new Api(`http://127.0.0.1:${ports.api}`, await secret('activation-token'), await secret('demo-staff-password'));

  log.info('phase 1: journeys on 2-second days, driven to their end');
  const daySeconds = 2;
  let system = await startSystem(dataDir, ports, { JOURNEY_DAY_SECONDS: String(daySeconds) });
  // Closed journeys must outlive the namespace's retention for as long as the fixture is used.
  const cli = await resolveDevServer(log);
  if (cli.type !== 'existing-path') throw new Error('the Temporal CLI is needed to set the retention');
  await run(cli.path, [
    'operator',
    'namespace',
    'update',
    '--address',
    `127.0.0.1:${ports.temporal}`,
    '--namespace',
    'default',
    '--retention',
    `${3650 * 24}h`,
  ]);
  let client = await api();
  const [finished, frozen] = await Promise.all([
    finishedJourneys(client, daySeconds),
    frozenJourney(client, daySeconds),
  ]);
  const states: Record<string, Json> = {};
  for (const id of finished) states[id] = await client.ended(id, 120 * daySeconds * 1_000);
  states[frozen.id] = { ...frozen.state, status: 'frozen' };
  await stopSystem(system);

  log.info('phase 2: journeys on real days, their next milestone minutes away');
  const leadMs = 5 * 60_000;
  system = await startSystem(dataDir, ports, {});
  client = await api();
  const running = await runningJourneys(client, leadMs);
  for (const id of running) states[id] = await client.state(id);
  await stopSystem(system);

  const { stdout: commit } = await run('git', ['rev-parse', 'HEAD'], { cwd: projectRoot });
  const out = join(projectRoot, 'test', 'fixtures', name);
  await mkdir(out, { recursive: true });
  await run('tar', ['-cJf', join(out, 'data.tar.xz'), '-C', root, 'data']);
  const manifest = {
    recordedAt: new Date().toISOString(),
    commit: commit.trim(),
    demoPassword: await secret('demo-staff-password'),
    ports,
    journeys: Object.entries(states).map(([subscriberId, state]) => ({
      subscriberId,
      status: state.status,
      moment: state.moment,
      moments: (state.timeline as Json[]).filter((entry) => entry.kind === 'moment').length,
      tasks: (state.tasks as Json[]).map((task) => ({ type: task.type, status: task.status })),
    })),
  };
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(root, { recursive: true, force: true });
  log.info({ out }, 'fixture recorded');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
