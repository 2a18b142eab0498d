// Longer than ~250 lines on purpose: the time-skipping harness every journey test shares: start,
// advance, complete, leave.
import { randomBytes } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type Activities } from '../../activities';
import type { Experiment } from '../../domain/control-group';
import { outboxProvider, type SmsProvider } from '../../activities/sms-provider';
import { createPrismaClient, type PrismaClient } from '../../platform/database';
import { demoSubscriber } from '../../prisma/seed-data';
import { createProtection, type Protection } from '../../platform/protection';
import { onboardingJourney } from '../../workflows/journey';
import { completeTask, journeyState, subscriberLeft } from '../../workflows/messages';
import { defaultSchedule, type JourneySchedule } from '../../workflows/schedule';
import { type ActivationProfile, type JourneyState } from '../../workflows/state';
import type { TaskActor, TaskOutcome, TaskType, JourneyTask } from '../../workflows/tasks';
import { testMasterKeys } from './keys';
import { createTestDatabase } from './postgres';
import { startRealServer, startTimeSkippingServer, type RealServer, type RestartableServer } from './servers';
import { startJourney } from '../../platform/start-journey';
import { executeStaffUpdate } from '../../platform/staff-update';

/** Staff of the seed data, as the API would authenticate them. */
export const staff = {
  storeClerk: { staffId: 'S-STORE-JN001', role: 'store', storeId: 'JN001' },
  otherStoreClerk: { staffId: 'S-STORE-JN002', role: 'store', storeId: 'JN002' },
  followup: { staffId: 'S-FOLLOWUP', role: 'followup' },
  followupWang: { staffId: 'S-FOLLOWUP-WANG', role: 'followup' },
  supervisor: { staffId: 'S-SUPERVISOR', role: 'supervisor' },
  telemarketing: { staffId: 'S-TELEMARKETING', role: 'telemarketing' },
  hotline: { staffId: 'S-HOTLINE', role: 'hotline' },
  network: { staffId: 'S-NETWORK', role: 'network' },
  managerLi: { staffId: 'S-AM-JN-LI', role: 'account_manager', storeId: 'JN001' },
} satisfies Record<string, TaskActor>;

export type JourneyHandle = WorkflowHandle<typeof onboardingJourney>;

/**
 * The default schedule with deadlines in calendar days, the harness's default: the plan's day
 * arithmetic then holds whatever weekday the test server's clock starts on. Working-time deadlines
 * are tested in journey-working-time.test.ts.
 */
export const calendarDaySchedule: JourneySchedule = { ...defaultSchedule, deadlines: 'calendar_days' };

/**
 * A time-skipping Temporal server, a worker running the real workflow and activities against a
 * fresh PostgreSQL database, and helpers that act as the activation system and the staff.
 */
export class JourneyHarness {
  private constructor(
    readonly env: TestWorkflowEnvironment & { cluster?: RestartableServer; webUiUrl?: string },
    readonly prisma: PrismaClient,
    readonly protection: Protection,
    readonly taskQueue: string,
    /** How long (real time) the helpers wait for the journey to reach a state. */
    private readonly patienceMs: number,
    private readonly workerOptions: WorkerOptions,
  ) {}

  private runningWorker?: { worker: Worker; run: Promise<void> };

  /** Starts the worker (again, after {@link stopWorker}): the real workflow and activities. */
  async startWorker(): Promise<void> {
    if (this.runningWorker) return;
    const worker = await Worker.create(this.workerOptions);
    this.runningWorker = { worker, run: worker.run() };
  }

  /** Stops the worker, as a crash or a deployment would: journeys wait on the server meanwhile. */
  async stopWorker(): Promise<void> {
    if (!this.runningWorker) return;
    const { worker, run } = this.runningWorker;
    this.runningWorker = undefined;
    worker.shutdown();
    await run;
  }

  /**
   * Starts on the time-skipping server by default; `server: 'dev'` runs on a real dev server in real
   * time, `server: 'cluster'` on the production cluster (with its Web UI if `ui`). The database is a
   * fresh copy of the run's template unless `databaseUrl` names one.
   */
  static async start(
    options: {
      smsProvider?: SmsProvider;
      server?: 'time-skipping' | RealServer;
      ui?: boolean;
      maxCachedWorkflows?: number;
      databaseUrl?: string;
      /** Activities replaced by faulty ones, to see what the journey does when one fails unexpectedly. */
      faults?: Partial<Activities>;
      /**
       * The hour (Beijing) the time-skipping server's clock is moved on to before any journey starts,
       * for tests whose outcome depends on the time of day. Unset: TEST_CLOCK_HOUR, else the wall clock
       * (the time-of-day check runs the suite at an hour inside quiet hours and one outside).
       */
      clockHour?: number;
      /** Leaves chosen patches inactive for chosen journeys: a worker from before them, on today's code. */
      patchActivationCallback?: WorkerOptions['patchActivationCallback'];
    } = {},
  ): Promise<JourneyHarness> {
    const { server = 'time-skipping' } = options;
    const prisma = createPrismaClient(options.databaseUrl ?? (await createTestDatabase()));
    const protection = createProtection(prisma, testMasterKeys);
    const { dataConverter } = protection;
    const env =
      server === 'time-skipping'
        ? await startTimeSkippingServer(dataConverter)
        : await startRealServer(server, { ui: options.ui, dataConverter });
    const clockHour =
      options.clockHour ?? (process.env.TEST_CLOCK_HOUR ? Number(process.env.TEST_CLOCK_HOUR) : undefined);
    if (server === 'time-skipping' && clockHour !== undefined) {
      const now = await env.currentTimeMs();
      await env.sleep(untilHour(now, clockHour));
    }
    const taskQueue = `journeys-${randomBytes(4).toString('hex')}`;
    // On a real server moments arrive in real time, seconds apart.
    const patienceMs = server === 'time-skipping' ? 10_000 : 45_000;
    const harness = new JourneyHarness(env, prisma, protection, taskQueue, patienceMs, {
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
      dataConverter: protection.workerDataConverter,
      maxCachedWorkflows: options.maxCachedWorkflows,
      patchActivationCallback: options.patchActivationCallback,
      activities: {
        ...createActivities({ prisma, smsProvider: options.smsProvider ?? outboxProvider, protection }),
        ...options.faults,
      },
    });
    await harness.startWorker();
    return harness;
  }

  async stop(): Promise<void> {
    await this.stopWorker();
    await this.prisma.$disconnect();
    await this.env.teardown();
  }

  private sequence = 0;

  /** An activation as the BSS sends it, activated "now" on the test server's clock. */
  async activation(overrides: Partial<ActivationProfile> = {}): Promise<ActivationProfile> {
    this.sequence += 1;
    return activationProfile({
      subscriberId: `SUB-${Date.now().toString(36)}${this.sequence}`,
      msisdn: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      activatedAt: new Date(await this.env.currentTimeMs()).toISOString(),
      ...overrides,
    });
  }

  /** A postpaid activation whose first payment falls due `dueInDays` after it. */
  async postpaid(dueInDays: number, overrides: Partial<ActivationProfile> = {}): Promise<ActivationProfile> {
    const base = await this.activation({ paymentType: 'postpaid', ...overrides });
    return {
      ...base,
      firstPaymentDueAt: new Date(Date.parse(base.activatedAt) + dueInDays * 86_400_000).toISOString(),
    };
  }

  /** A promotion of the catalog that launches `days` from the test server's "now" (00:00 in Shanghai); its code. */
  async promotionLaunchingIn(days: number): Promise<string> {
    const now = await this.env.currentTimeMs();
    const day = new Date(now + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    const code = `TEST_PROMO_${days}_${Date.now().toString(36)}`;
    await this.prisma.promotion.create({
      data: {
        code,
        name: '测试优惠',
        nameEn: 'Test offer',
        description: '测试用的优惠活动。',
        descriptionEn: 'An offer for the tests.',
        launchAt: new Date(`${day}T00:00:00+08:00`),
      },
    });
    return code;
  }

  /** The messages of the journey's failed workflow tasks: one whose task fails on every attempt is frozen. */
  async failedWorkflowTasks(handle: JourneyHandle): Promise<string[]> {
    const { events } = await handle.fetchHistory();
    return (events ?? [])
      .filter((event) => event.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
      .map((event) => event.workflowTaskFailedEventAttributes?.failure?.message ?? '');
  }

  async startJourney(
    subscriber: ActivationProfile,
    options: { password?: string; schedule?: JourneySchedule; experiment?: Experiment } = {},
  ): Promise<JourneyHandle> {
    const passwordSecretId = options.password
      ? await this.protection.secrets.seal(subscriber.subscriberId, options.password, 3_600_000)
      : undefined;
    return startJourney(this.env.client, this.taskQueue, {
      subscriber,
      schedule: options.schedule ?? calendarDaySchedule,
      passwordSecretId,
      ...(options.experiment ? { experiment: options.experiment } : {}),
    });
  }

  async state(handle: JourneyHandle): Promise<JourneyState> {
    return handle.query(journeyState);
  }

  /**
   * Moves the test server's clock forward by `days` and one minute more (clear of the journey's timers:
   * docs/known-issues.md#the-java-time-skipping-test-server-tests-only); the journey's timers fire on the way.
   */
  async advance(days: number): Promise<void> {
    await this.env.sleep(days * 86_400_000 + 60_000);
  }

  /**
   * Waits (real time, the clock held still) until the journey shows a task in `status`: activities
   * run in real time even when timers are skipped.
   */
  async task(handle: JourneyHandle, type: TaskType, status: JourneyTask['status'] = 'open'): Promise<JourneyTask> {
    return waitForTask(handle, type, { status, patienceMs: this.patienceMs });
  }

  /** Waits until `predicate` holds for the journey's state (real time, the clock held still). */
  async until(
    handle: JourneyHandle,
    predicate: (state: JourneyState) => boolean,
    patienceMs = this.patienceMs,
  ): Promise<JourneyState> {
    const deadline = Date.now() + patienceMs;
    for (;;) {
      const state = await this.state(handle);
      if (predicate(state)) return state;
      if (Date.now() > deadline)
        throw new Error(`condition not reached; timeline: ${JSON.stringify(state.timeline.map((e) => e.kind))}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  /** The text of an outbox row, decrypted with its subscriber's data key as the SMS platform would. */
  async outboxText(sms: { subscriberId: string; idempotencyKey: string; body: Uint8Array | null }): Promise<string> {
    return this.protection.sealed.open(sms.subscriberId, `sms:${sms.idempotencyKey}`, sms.body!);
  }

  /**
   * Ends the journeys a test is done with (their subscribers leave) and waits for their ends. Each is
   * seen ended by query, with the clock still held, before any result is awaited: awaiting a result
   * lets the server skip time, and a timer firing while its cancellation is in flight trips the
   * time-skipping server (docs/known-issues.md#the-java-time-skipping-test-server-tests-only).
   */
  async leave(...handles: JourneyHandle[]): Promise<void> {
    for (const handle of handles) await handle.signal(subscriberLeft, { reason: 'test over' });
    for (const handle of handles) await this.until(handle, (state) => state.status !== 'running');
    for (const handle of handles) await handle.result();
  }

  /** Staff complete the open task of `type` through the workflow update, as the API does. */
  async complete<T extends TaskType>(
    handle: JourneyHandle,
    type: T,
    actor: TaskActor,
    outcome: TaskOutcome<T>,
  ): Promise<JourneyTask> {
    const task = await this.task(handle, type);
    return executeStaffUpdate(handle, completeTask, { taskId: task.id, actor, outcome });
  }
}

/** Milliseconds from `now` to the next `hour`:00 in the business time zone (Beijing, no daylight saving). */
function untilHour(now: number, hour: number): number {
  const HOUR = 3_600_000;
  const beijing = now + 8 * HOUR;
  const next = Math.floor(beijing / (24 * HOUR)) * 24 * HOUR + hour * HOUR;
  return (next > beijing ? next : next + 24 * HOUR) - beijing;
}

/**
 * A valid activation of a standard prepaid subscriber on plan A66 at store JN001: the demo subscriber
 * with its own id, number and activation time, and any overrides.
 */
export function activationProfile(
  fields: Pick<ActivationProfile, 'subscriberId' | 'msisdn' | 'activatedAt'> & Partial<ActivationProfile>,
): ActivationProfile {
  return { ...demoSubscriber, ...fields };
}

/** Polls the journey's state (real time) until it shows a task of `type` in `status` (default open). */
export async function waitForTask(
  handle: JourneyHandle,
  type: TaskType,
  { status = 'open', patienceMs }: { status?: JourneyTask['status']; patienceMs: number },
): Promise<JourneyTask> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    const state = await handle.query(journeyState);
    const task = state.tasks.find((candidate) => candidate.type === type && candidate.status === status);
    if (task) return task;
    if (Date.now() > deadline) {
      throw new Error(
        `no ${status} ${type} task; tasks: ${JSON.stringify(state.tasks.map((t) => [t.type, t.status]))}`,
      );
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Every item of a coaching checklist ticked done. */
export function allDone(task: JourneyTask): TaskOutcome<'onboarding_coaching'> {
  const items = task.payload.checklist as string[];
  return { checklist: Object.fromEntries(items.map((item) => [item, { done: true as const }])) };
}

/**
 * Retries `check` until it stops throwing (by default up to 5 s): activities write the database after
 * the state changes, and a retried activity waits out its backoff.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}
