// Longer than ~250 lines on purpose: the journey operations of the API share their connections,
// deadlines and error mapping here; each operation is short.
import { randomUUID } from 'node:crypto';
import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ControlGroupSettings, ControlTouch, Experiment, ExperimentGroup } from '../../domain/control-group';
import type { PrismaClient } from '../../platform/database';
import type { SealedData } from '../../platform/sealed-data';
import type { SealedSecrets } from '../../platform/sealed-secrets';
import type { SubscriberKeys } from '../../platform/subscriber-keys';
import type { EventPayload } from '../../workflows/event-payloads';
import { onboardingJourney } from '../../workflows/journey';
import {
  bssOrderRejected,
  completeTask,
  journeyState,
  reassignTask,
  taskRefusals,
  type TaskRefusal,
} from '../../workflows/messages';
import { defaultSchedule, type JourneySchedule } from '../../workflows/schedule';
import {
  journeyWorkflowId,
  launchPromiseWorkflowId,
  type ActivationProfile,
  type JourneyInput,
  type JourneyState,
} from '../../workflows/state';
import { outcomeSchema, type TaskActor, type TaskType, type JourneyTask } from '../../workflows/tasks';
import { actorOf, type StaffMember } from '../staff-access/auth';
import { ApiError, fieldErrors } from '../http/errors';
import { assertTaskVisible } from '../staff-access/scope';
import { ineligiblePick, unknownCatalogReferences } from './outcome-references';
import { businessEvents, type BusinessEventType } from '../http/schemas';
import { completeOrdersFor } from './bss-outbox';
import { ReferenceCatalog } from './reference-catalog';
import { claimSubscriber, invalid } from './subscriber-claims';
import { experimentFor } from './experiment-assignment';
import { RETENTION_POLICY_ACTOR } from './erasure';
import { journeyFromRows, readJourneyRecord, rebuildJourneyRecord, type JourneyView } from './stored-journeys';
import { TEMPORAL_WEB_UI_PATH } from '../../platform/web-ui-paths';
import { startJourney } from '../../platform/start-journey';
import { executeStaffUpdate } from '../../platform/staff-update';

/** How long a task update may wait for the journey's worker before the API answers 503. */
const UPDATE_DEADLINE_MS = 10_000;

/** How long a read of a journey's state may wait for its worker (a query is answered by the worker) before 503. */
const QUERY_DEADLINE_MS = 10_000;

/**
 * How long reading an ended journey's record waits for Temporal to say whether it still has the
 * workflow (the server alone answers): an outage of Temporal costs the read this, not the query's deadline.
 */
const DESCRIBE_DEADLINE_MS = 2_000;

/** How long an accepted task update waits for the journey to write the inbox row before answering. */
const INBOX_CATCH_UP_MS = 5_000;

/** How long a sealed initial password waits for the SMS activity to open it. */
const PASSWORD_TTL_MS = 24 * 3_600_000;

/** A journey whose personal data was erased: its figures, and the erasure (`retentionDays` when by the retention policy). */
export interface ErasedJourney {
  state: JourneyState;
  erasedAt: string;
  retentionDays?: number;
}

/** Where a journey can be seen: this API and the Temporal Web UI. */
export interface JourneyLinks {
  self: string;
  temporalWebUi: string;
}

export interface StartedJourney {
  journeyId: string;
  subscriberId: string;
  links: JourneyLinks;
}

export interface JourneyServiceOptions {
  client: Client;
  prisma: PrismaClient;
  /** Seals initial passwords with the subscriber's data key. */
  secrets: SealedSecrets;
  /** Opens journey records, sealed with the subscriber's data key. */
  sealed: SealedData;
  /** Makes a new subscriber's data key at once (one round trip instead of the codec's three); unset, the codec makes it. */
  keys?: Pick<SubscriberKeys, 'createFor'>;
  namespace: string;
  taskQueue: string;
  schedule?: JourneySchedule;
  /** How often plans and stores are reread (see {@link ReferenceCatalog}). */
  catalogReloadMs?: number;
  /** The control-group experiment new journeys are assigned to; unset, none (docs/control-group.md). */
  controlGroup?: ControlGroupSettings;
}

/**
 * The journey operations of the API and the staff UI: start a journey once per subscriber, send it
 * business events, read its state, complete its tasks through the workflow update.
 */
export class JourneyService {
  private readonly catalog: ReferenceCatalog;

  constructor(private readonly options: JourneyServiceOptions) {
    this.catalog = new ReferenceCatalog(options.prisma, options.catalogReloadMs);
  }

  /** The control-group experiment new journeys are assigned to (share 0: none). */
  get controlGroup(): ControlGroupSettings {
    return this.options.controlGroup ?? { share: 0, touch: 'first_followup_call' };
  }

  links(subscriberId: string): JourneyLinks {
    const { namespace } = this.options;
    const workflowId = encodeURIComponent(journeyWorkflowId(subscriberId));
    return {
      self: `/v1/subscribers/${encodeURIComponent(subscriberId)}`,
      temporalWebUi: `${TEMPORAL_WEB_UI_PATH}/namespaces/${encodeURIComponent(namespace)}/workflows/${workflowId}`,
    };
  }

  /**
   * Starts the subscriber's journey once (see {@link claimSubscriber}): `created: false` for a repeat
   * of an activation whose journey exists or has run.
   */
  async start(
    profile: ActivationProfile,
    initialPassword?: string,
  ): Promise<{ created: boolean; journey: StartedJourney }> {
    const journey = {
      journeyId: journeyWorkflowId(profile.subscriberId),
      subscriberId: profile.subscriberId,
      links: this.links(profile.subscriberId),
    };
    const { prisma, secrets, keys, controlGroup } = this.options;
    let experiment = controlGroup && experimentFor(profile.subscriberId, profile.tier, controlGroup);
    const claim = await claimSubscriber(prisma, this.catalog, profile, experiment);
    if (claim === 'new') await keys?.createFor(profile.subscriberId);
    if (claim === 'repeat') {
      // A journey already recorded (running, or ended and perhaps past Temporal's retention) is never
      // started again; one not yet recorded was accepted but perhaps never started.
      const recorded = await prisma.subscriber.findUnique({
        where: { id: profile.subscriberId },
        select: { experimentGroup: true, experimentTouch: true, journey: { select: { id: true } } },
      });
      if (recorded?.journey) return { created: false, journey };
      // The group recorded with the first request stands, whatever the configuration says now.
      experiment = recordedExperiment(recorded?.experimentGroup, recorded?.experimentTouch);
    }
    const input: JourneyInput = {
      subscriber: profile,
      schedule: this.options.schedule ?? defaultSchedule,
      // The claim found it: the journey sends its welcome SMS without waiting for its registration.
      plan: await this.catalog.plan(profile.planCode),
      ...(experiment ? { experiment } : {}),
    };
    if (initialPassword !== undefined) {
      input.passwordSecretId = await secrets.seal(profile.subscriberId, initialPassword, PASSWORD_TTL_MS);
    }
    try {
      await startJourney(this.options.client, this.options.taskQueue, input);
      return { created: true, journey };
    } catch (error) {
      if (input.passwordSecretId) await secrets.discard(input.passwordSecretId);
      // A repeat racing the request that started it.
      if (error instanceof WorkflowExecutionAlreadyStartedError) return { created: false, journey };
      throw error;
    }
  }

  /**
   * The journey's full state (docs/architecture.md#the-journey-record): a journey whose record says
   * it ended is read from PostgreSQL, never by replaying its workflow; a running one from its workflow's
   * query, as current as it gets (its record the first time, for journeys from before the record);
   * one whose workflow Temporal no longer has from its record, else from PostgreSQL's rows, each
   * marked in `readFrom`. 410 once erased, 404 without a subscriber.
   */
  async state(subscriberId: string): Promise<JourneyView> {
    const { prisma, sealed } = this.options;
    const subscriber = await prisma.subscriber.findUnique({
      where: { id: subscriberId },
      select: { erasedAt: true },
    });
    if (subscriber?.erasedAt) {
      throw new ApiError(410, 'personal_data_erased', `the personal data of subscriber ${subscriberId} was erased`);
    }
    const stored = subscriber ? await readJourneyRecord(prisma, sealed, subscriberId) : undefined;
    const fromRecord = (workflowRemoved?: boolean): JourneyView => ({
      ...stored!.state,
      readFrom: {
        from: 'record',
        ...(workflowRemoved !== undefined ? { workflowRemoved } : {}),
        ...(stored!.recordedAt ? { recordedAt: stored!.recordedAt.toISOString() } : {}),
      },
    });
    if (stored && stored.state.status !== 'running') return fromRecord(await this.workflowRemoved(subscriberId));
    let state: JourneyState;
    const deadline = Date.now() + QUERY_DEADLINE_MS;
    try {
      state = await this.options.client.withDeadline(deadline, () => this.handle(subscriberId).query(journeyState));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        if (stored) return fromRecord(true);
        const rows = await journeyFromRows(prisma, subscriberId);
        if (!rows) throw unknownSubscriber(subscriberId);
        return { ...rows, readFrom: { from: 'database', workflowRemoved: true } };
      }
      const silence = unanswered(error, Date.now() >= deadline);
      if (silence) throw new ApiError(503, 'journey_unavailable', silence);
      throw error;
    }
    if (!stored && subscriber) await rebuildJourneyRecord(prisma, sealed, state);
    return { ...state, readFrom: { from: 'workflow', workflowRemoved: false } };
  }

  /**
   * What remains of a journey whose personal data was erased, for its page: PostgreSQL's figures
   * (statuses, task types, SMS templates) and when and why it was erased (on request, or by the
   * retention policy after `retentionDays`). Undefined when the subscriber was not erased.
   */
  async erasedJourney(subscriberId: string): Promise<ErasedJourney | undefined> {
    const { prisma } = this.options;
    const [state, erasure] = await Promise.all([
      journeyFromRows(prisma, subscriberId),
      prisma.auditEvent.findFirst({
        where: { subscriberId, type: 'personal_data_erased' },
        orderBy: { at: 'desc' },
        select: { at: true, actor: true, data: true },
      }),
    ]);
    const erasedAt = (await prisma.subscriber.findUnique({ where: { id: subscriberId }, select: { erasedAt: true } }))
      ?.erasedAt;
    if (!state || !erasedAt) return undefined;
    const retentionDays = (erasure?.data as { retentionDays?: unknown } | null)?.retentionDays;
    return {
      state,
      erasedAt: erasedAt.toISOString(),
      ...(erasure?.actor === RETENTION_POLICY_ACTOR && typeof retentionDays === 'number' ? { retentionDays } : {}),
    };
  }

  /**
   * Whether Temporal still has the journey's workflow, asked of the server alone (no worker, no
   * replay); undefined when Temporal does not answer: the record is read all the same.
   */
  private async workflowRemoved(subscriberId: string): Promise<boolean | undefined> {
    try {
      await this.options.client.withDeadline(Date.now() + DESCRIBE_DEADLINE_MS, () =>
        this.handle(subscriberId).describe(),
      );
      return false;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return true;
      return undefined;
    }
  }

  /**
   * Ends a running journey at once (erasure), and the launch promises it handed over
   * (`promotionCodes`); nothing happens to one that has ended.
   */
  async terminate(subscriberId: string, reason: string, promotionCodes: readonly string[] = []): Promise<void> {
    const workflowIds = [
      journeyWorkflowId(subscriberId),
      ...promotionCodes.map((code) => launchPromiseWorkflowId(subscriberId, code)),
    ];
    for (const workflowId of workflowIds) {
      try {
        await this.options.client.workflow.getHandle(workflowId).terminate(reason);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
  }

  /**
   * Tells the subscriber's journey, while it runs, that the BSS refused one of its orders; a journey
   * that has ended takes no more work.
   */
  async tellIfRunning(subscriberId: string, rejection: { orderId: string; toPlanCode: string; reason: string }) {
    try {
      await this.handle(subscriberId).signal(bssOrderRejected, rejection);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }

  /** Delivers a business event; refused for an unknown subscriber (404) or an ended journey (409). */
  async sendEvent<T extends BusinessEventType>(subscriberId: string, type: T, payload: EventPayload<T>): Promise<void> {
    // `type` does not narrow a generic `payload`: for a plan change it is a plan change's.
    const planCode = type === 'planChanged' ? (payload as EventPayload<'planChanged'>).planCode : undefined;
    if (planCode !== undefined) {
      if (!(await this.catalog.plan(planCode))) {
        throw invalid([{ field: 'planCode', reason: `unknown plan code ${planCode}` }]);
      }
    }
    await this.assertRunning(subscriberId);
    try {
      await this.handle(subscriberId).signal(businessEvents[type], payload);
    } catch (error) {
      // It ended between the check and the signal.
      if (error instanceof WorkflowNotFoundError) throw journeyEnded(subscriberId, 'it has ended');
      throw error;
    }
    if (planCode !== undefined) await completeOrdersFor(this.options.prisma, subscriberId, planCode);
  }

  /**
   * Completes a task through the workflow update, for a staff member who may see it (404 otherwise,
   * the rule of api/staff-access/scope.ts, the same for the API and the pages). The workflow's validator has the
   * last word; its refusal comes back as 403 (not yours), 409 (already ended) or 422 (outcome does not fit).
   */
  async completeTask(taskId: string, staff: StaffMember, outcome: unknown, requestKey?: string) {
    // A task the caller may not see is answered as one that does not exist, before anything about it.
    await assertTaskVisible(this.options.prisma, staff, taskId);
    const actor = actorOf(staff);
    const task = await this.options.prisma.task.findUnique({ where: { id: taskId } });
    if (!task) throw new ApiError(404, 'task_not_found', 'no such task');
    const parsed = outcomeSchema(task.type as TaskType).safeParse(outcome);
    if (!parsed.success) {
      throw new ApiError(
        422,
        'invalid_outcome',
        `the outcome does not fit a ${task.type} task`,
        fieldErrors(parsed.error, 'outcome'),
      );
    }
    const unknownCodes = [
      ...(await unknownCatalogReferences(this.options.prisma, task, parsed.data)),
      ...(await ineligiblePick(this.options.prisma, task, parsed.data)),
    ];
    if (unknownCodes.length > 0) {
      throw new ApiError(
        422,
        'invalid_outcome',
        `the outcome names what the catalogs or the roster do not allow`,
        unknownCodes,
      );
    }
    return this.update(task.subscriberId, (updateId) =>
      executeStaffUpdate(
        this.handle(task.subscriberId),
        completeTask,
        { taskId, actor, outcome: parsed.data },
        updateId(`complete:${taskId}:${actor.staffId}`, requestKey),
      ),
    );
  }

  /**
   * Gives an open task to a named staff member of its role (supervisors only), through the workflow
   * update: 404 for an unknown task, 400 naming `assigneeId` for an unknown staff member, 422 for
   * someone of another role or inactive, 409 when the task has ended.
   */
  async reassignTask(taskId: string, staff: StaffMember, assigneeId: string, requestKey?: string) {
    const { prisma } = this.options;
    await assertTaskVisible(prisma, staff, taskId);
    const actor = actorOf(staff);
    const [task, assignee] = await Promise.all([
      prisma.task.findUnique({ where: { id: taskId }, select: { subscriberId: true } }),
      prisma.staff.findUnique({
        where: { id: assigneeId },
        select: { id: true, role: true, storeId: true, active: true },
      }),
    ]);
    if (!task) throw new ApiError(404, 'task_not_found', 'no such task');
    if (!assignee) {
      throw invalid([{ field: 'assigneeId', reason: `no staff member ${assigneeId}` }]);
    }
    if (!assignee.active) {
      throw new ApiError(422, 'invalid_assignee', `${assigneeId} is no longer active`, [
        { field: 'assigneeId', reason: 'inactive staff member' },
      ]);
    }
    const to: TaskActor = {
      staffId: assignee.id,
      role: assignee.role,
      ...(assignee.storeId ? { storeId: assignee.storeId } : {}),
    };
    return this.update(task.subscriberId, (updateId) =>
      executeStaffUpdate(
        this.handle(task.subscriberId),
        reassignTask,
        { taskId, actor, assignee: to },
        updateId(`reassign:${taskId}:${actor.staffId}`, requestKey),
      ),
    );
  }

  /**
   * Runs a task update within UPDATE_DEADLINE_MS; the journey's refusal becomes the HTTP status that
   * says who must change what, silence (no worker) a 503. The caller's request key becomes the
   * update id, so a retried request is applied once (Temporal answers the first result again). An
   * accepted change is answered once the inbox table shows it (see {@link inboxCaughtUp}).
   */
  private async update(
    subscriberId: string,
    run: (updateId: (scope: string, requestKey?: string) => string) => Promise<JourneyTask>,
  ): Promise<JourneyTask> {
    const updateId = (scope: string, requestKey?: string) => `${scope}:${requestKey ?? randomUUID()}`;
    let task: JourneyTask;
    try {
      task = await this.options.client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () => run(updateId));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw journeyEnded(subscriberId, 'it has ended');
      if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
        throw new ApiError(
          503,
          'journey_unavailable',
          `the journey did not answer within ${UPDATE_DEADLINE_MS / 1_000} s (no worker is running it); try again with the same Idempotency-Key`,
        );
      }
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw refusal(error.cause);
      }
      throw error;
    }
    await this.inboxCaughtUp(task);
    return task;
  }

  /**
   * Waits until the inbox row shows the update's answer, so that the caller's next read (the page it is
   * sent to, its inbox) does too. A journey since the patch `inbox-row-within-update` writes the row
   * before it answers: the first read finds it. A worker from before the patch answers first and
   * writes the row at the next revision right after. Past INBOX_CATCH_UP_MS the answer goes anyway:
   * the change is accepted and the row follows.
   */
  private async inboxCaughtUp(task: JourneyTask): Promise<void> {
    const deadline = Date.now() + INBOX_CATCH_UP_MS;
    for (;;) {
      const row = await this.options.prisma.task.findUnique({
        where: { id: task.id },
        select: { revision: true, status: true, assigneeId: true, attempts: true },
      });
      if (row && rowShows(row, task)) return;
      if (Date.now() >= deadline) return;
      await new Promise((done) => setTimeout(done, 25));
    }
  }

  private handle(subscriberId: string) {
    return this.options.client.workflow.getHandle<typeof onboardingJourney>(journeyWorkflowId(subscriberId));
  }

  private async assertRunning(subscriberId: string): Promise<void> {
    try {
      const description = await this.handle(subscriberId).describe();
      if (description.status.name !== 'RUNNING') {
        throw journeyEnded(subscriberId, `it is ${description.status.name.toLowerCase()}`);
      }
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw unknownSubscriber(subscriberId);
      throw error;
    }
  }
}

function unknownSubscriber(subscriberId: string): ApiError {
  return new ApiError(404, 'subscriber_not_found', `no journey for subscriber ${subscriberId}`);
}

function journeyEnded(subscriberId: string, why: string): ApiError {
  return new ApiError(409, 'journey_ended', `the journey of subscriber ${subscriberId} takes no more events: ${why}`);
}

/**
 * True when the inbox row is newer than the update's answer, or at its revision and already showing
 * what a completion or reassignment changes (an update changes one of these, or it is refused). A
 * worker from before `inbox-row-within-update` answers at the row's revision before writing the change.
 */
function rowShows(
  row: { revision: number; status: string; assigneeId: string | null; attempts: unknown },
  task: JourneyTask,
): boolean {
  if (row.revision !== task.revision) return row.revision > task.revision;
  const attempts = Array.isArray(row.attempts) ? row.attempts.length : 0;
  return (
    row.status === task.status && row.assigneeId === (task.assigneeId ?? null) && attempts === task.attempts.length
  );
}

/** The HTTP status of each refusal: who must change what. */
const refusalStatus: Record<TaskRefusal, number> = {
  [taskRefusals.unknownTask]: 404,
  [taskRefusals.taskEnded]: 409,
  [taskRefusals.wrongRole]: 403,
  [taskRefusals.wrongAssignee]: 403,
  [taskRefusals.wrongStore]: 403,
  [taskRefusals.invalidOutcome]: 422,
  [taskRefusals.invalidAssignee]: 422,
  [taskRefusals.doNotDisturb]: 409,
};

/** The workflow validator's refusal, as the HTTP status that says who must change what. */
function refusal(failure: ApplicationFailure): ApiError {
  const code = (failure.type ?? 'refused').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return new ApiError(refusalStatus[failure.type as TaskRefusal] ?? 409, code, failure.message);
}

/** The experiment of a subscriber's row (both columns set together, checked in SQL). */
function recordedExperiment(
  group: string | null | undefined,
  touch: string | null | undefined,
): Experiment | undefined {
  return group && touch ? { group: group as ExperimentGroup, touch: touch as ControlTouch } : undefined;
}

const GRPC_RESOURCE_EXHAUSTED = 8;
const GRPC_FAILED_PRECONDITION = 9;

/**
 * Why a query of the journey got no answer, when the reason is its worker's and a later read may
 * succeed: past the deadline (no worker), refused at once because its workflow task keeps failing
 * (Temporal does so from the task's third attempt, FAILED_PRECONDITION), or another read of it is
 * already waiting for the worker (RESOURCE_EXHAUSTED).
 */
function unanswered(error: unknown, pastDeadline: boolean): string | undefined {
  const grpc = error instanceof Error && error.cause !== undefined ? error.cause : error;
  // Past the deadline gRPC says DEADLINE_EXCEEDED, or at times CANCELLED (a retry cut short by it).
  if (pastDeadline || isGrpcDeadlineError(error) || isGrpcDeadlineError(grpc))
    return `the journey did not answer within ${QUERY_DEADLINE_MS / 1_000} s (no worker is running it); try again shortly`;
  if (!isGrpcServiceError(grpc)) return undefined;
  if (grpc.code === GRPC_FAILED_PRECONDITION)
    return 'the journey cannot answer while its workflow task is failing (a matter for engineers); try again later';
  if (grpc.code === GRPC_RESOURCE_EXHAUSTED) return 'the journey is busy answering another read; try again shortly';
  return undefined;
}
