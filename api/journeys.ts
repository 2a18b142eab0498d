import { isDeepStrictEqual } from 'node:util';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import type { SealedSecrets } from '../activities/sealed-secrets';
import type { PrismaClient } from '../platform/database';
import { onboardingJourney } from '../workflows/journey';
import { completeTask, journeyEvents, journeyState, reassignTask, type JourneyEventType } from '../workflows/messages';
import { defaultSchedule, type JourneySchedule } from '../workflows/schedule';
import { journeyWorkflowId, type ActivationProfile, type JourneyInput, type JourneyState } from '../workflows/state';
import { outcomeSchemas, type TaskActor, type TaskType, type TaskView } from '../workflows/tasks';
import { ApiError, fieldErrors, type FieldError } from './errors';

/** How long an accepted task update waits for the journey to write the inbox row before answering. */
const INBOX_CATCH_UP_MS = 5_000;

/** How long a sealed initial password waits for the SMS activity to open it. */
const PASSWORD_TTL_MS = 24 * 3_600_000;

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
  /** Absent without SECRET_SEALING_KEY: an activation with an initial password is then refused. */
  secrets?: SealedSecrets;
  namespace: string;
  taskQueue: string;
  temporalUiUrl: string;
  schedule?: JourneySchedule;
}

/**
 * The journey operations of the API and the staff UI: start a journey once per subscriber, send it
 * business events, read its state, complete its tasks through the workflow update.
 */
export class JourneyService {
  constructor(private readonly options: JourneyServiceOptions) {}

  links(subscriberId: string): JourneyLinks {
    const { temporalUiUrl, namespace } = this.options;
    const workflowId = encodeURIComponent(journeyWorkflowId(subscriberId));
    return {
      self: `/v1/subscribers/${encodeURIComponent(subscriberId)}`,
      temporalWebUi: `${temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${workflowId}`,
    };
  }

  /**
   * Starts the subscriber's journey, or finds the one already started with the same payload
   * (`created: false`). A different payload for an existing subscriber is a 409 naming the fields.
   */
  async start(
    profile: ActivationProfile,
    initialPassword?: string,
  ): Promise<{ created: boolean; journey: StartedJourney }> {
    await this.checkReferences(profile);
    const journey = {
      journeyId: journeyWorkflowId(profile.subscriberId),
      subscriberId: profile.subscriberId,
      links: this.links(profile.subscriberId),
    };
    const existing = await this.startedProfile(profile.subscriberId);
    if (existing) return { created: false, journey: this.sameOrConflict(existing, profile, journey) };
    if (await this.recordedEarlier(profile)) return { created: false, journey };

    let passwordSecretId: string | undefined;
    if (initialPassword !== undefined) {
      if (!this.options.secrets) {
        throw new ApiError(
          422,
          'password_sms_unavailable',
          'this deployment cannot send initial passwords (no SECRET_SEALING_KEY); send the activation without it',
        );
      }
      passwordSecretId = await this.options.secrets.seal(initialPassword, PASSWORD_TTL_MS);
    }
    const input: JourneyInput = { subscriber: profile, schedule: this.options.schedule ?? defaultSchedule };
    if (passwordSecretId) input.passwordSecretId = passwordSecretId;
    try {
      await this.options.client.workflow.start(onboardingJourney, {
        workflowId: journey.journeyId,
        taskQueue: this.options.taskQueue,
        args: [input],
        // One journey per subscriber, ever: a finished journey is not started again either.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return { created: true, journey };
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      // Another request for the same subscriber won the race.
      const winner = await this.startedProfile(profile.subscriberId);
      if (!winner) throw error;
      return { created: false, journey: this.sameOrConflict(winner, profile, journey) };
    }
  }

  /** The journey's full state, from the workflow itself (also after it ended). */
  async state(subscriberId: string): Promise<JourneyState> {
    try {
      return await this.handle(subscriberId).query(journeyState);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw unknownSubscriber(subscriberId);
      throw error;
    }
  }

  /** Delivers a business event; refused for an unknown subscriber (404) or an ended journey (409). */
  async sendEvent<T extends JourneyEventType>(subscriberId: string, type: T, payload: unknown): Promise<void> {
    if (type === 'planChanged') {
      const { planCode } = payload as { planCode: string };
      if (!(await this.options.prisma.plan.findUnique({ where: { code: planCode } }))) {
        throw invalid([{ field: 'planCode', reason: `unknown plan code ${planCode}` }]);
      }
    }
    await this.assertRunning(subscriberId);
    try {
      await this.handle(subscriberId).signal(journeyEvents[type].signal as never, payload as never);
    } catch (error) {
      // It ended between the check and the signal.
      if (error instanceof WorkflowNotFoundError) throw journeyEnded(subscriberId, 'it has ended');
      throw error;
    }
  }

  /**
   * Completes a task through the workflow update. The workflow's validator has the last word; its
   * refusal comes back as 403 (not yours), 409 (already ended) or 422 (outcome does not fit).
   */
  async completeTask(taskId: string, actor: TaskActor, outcome: unknown) {
    const task = await this.options.prisma.task.findUnique({ where: { id: taskId } });
    if (!task) throw new ApiError(404, 'task_not_found', `no task ${taskId}`);
    const parsed = outcomeSchemas[task.type as TaskType].safeParse(outcome);
    if (!parsed.success) {
      throw new ApiError(
        422,
        'invalid_outcome',
        `the outcome does not fit a ${task.type} task`,
        fieldErrors(parsed.error, 'outcome'),
      );
    }
    return this.update(task.subscriberId, () =>
      this.handle(task.subscriberId).executeUpdate(completeTask, { args: [{ taskId, actor, outcome: parsed.data }] }),
    );
  }

  /**
   * Gives an open task to a named staff member of its role (supervisors only), through the workflow
   * update: 404 for an unknown task, 400 naming `assigneeId` for an unknown staff member, 422 for
   * someone of another role or inactive, 409 when the task has ended.
   */
  async reassignTask(taskId: string, actor: TaskActor, assigneeId: string) {
    const { prisma } = this.options;
    const [task, assignee] = await Promise.all([
      prisma.task.findUnique({ where: { id: taskId }, select: { subscriberId: true } }),
      prisma.staff.findUnique({
        where: { id: assigneeId },
        select: { id: true, role: true, storeId: true, active: true },
      }),
    ]);
    if (!task) throw new ApiError(404, 'task_not_found', `no task ${taskId}`);
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
    return this.update(task.subscriberId, () =>
      this.handle(task.subscriberId).executeUpdate(reassignTask, { args: [{ taskId, actor, assignee: to }] }),
    );
  }

  /**
   * Runs a task update; the journey's refusal becomes the HTTP status that says who must change what.
   * An accepted change is answered once the inbox table shows it (see {@link inboxCaughtUp}).
   */
  private async update(subscriberId: string, run: () => Promise<TaskView>): Promise<TaskView> {
    let task: TaskView;
    try {
      task = await run();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) throw journeyEnded(subscriberId, 'it has ended');
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
        throw refusal(error.cause);
      }
      throw error;
    }
    await this.inboxCaughtUp(task);
    return task;
  }

  /**
   * The journey answers an update before it writes the task row (each write raises its revision), so
   * the caller's next read, the page it is sent to or its inbox, could still show the old row. Waits
   * until the row is newer than the update's answer; past INBOX_CATCH_UP_MS the answer goes anyway:
   * the change is accepted and the row follows.
   */
  private async inboxCaughtUp(task: TaskView): Promise<void> {
    const deadline = Date.now() + INBOX_CATCH_UP_MS;
    while (Date.now() < deadline) {
      const row = await this.options.prisma.task.findUnique({ where: { id: task.id }, select: { revision: true } });
      if (row && row.revision > task.revision) return;
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

  /** Unknown plan or store, or a number that belongs to another subscriber: every problem at once. */
  private async checkReferences(profile: ActivationProfile): Promise<void> {
    const { prisma } = this.options;
    const [plan, store, holder] = await Promise.all([
      prisma.plan.findUnique({ where: { code: profile.planCode } }),
      prisma.store.findUnique({ where: { id: profile.storeId } }),
      prisma.subscriber.findUnique({ where: { msisdn: profile.msisdn }, select: { id: true } }),
    ]);
    const problems: FieldError[] = [];
    if (!plan) problems.push({ field: 'planCode', reason: `unknown plan code ${profile.planCode}` });
    if (!store) problems.push({ field: 'storeId', reason: `unknown store ${profile.storeId}` });
    if (holder && holder.id !== profile.subscriberId) {
      problems.push({ field: 'msisdn', reason: 'belongs to another subscriber with a journey' });
    }
    if (problems.length > 0) throw invalid(problems);
  }

  /** The activation payload a journey was started with (its first history event), if it exists. */
  private async startedProfile(subscriberId: string): Promise<ActivationProfile | undefined> {
    const { client, namespace } = this.options;
    try {
      const response = await client.workflowService.getWorkflowExecutionHistory({
        namespace,
        execution: { workflowId: journeyWorkflowId(subscriberId) },
        maximumPageSize: 1,
      });
      const started = response.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
      const payload = started?.input?.payloads?.[0];
      if (!payload) return undefined;
      const input = defaultPayloadConverter.fromPayload<JourneyInput>(payload);
      return input.subscriber;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * A journey Temporal no longer holds (finished, past the namespace's retention) is still in the
   * journey table: never a second journey. Number, store and activation time must match (the plan
   * may have changed since).
   */
  private async recordedEarlier(profile: ActivationProfile): Promise<boolean> {
    const row = await this.options.prisma.subscriber.findUnique({
      where: { id: profile.subscriberId },
      select: { msisdn: true, storeId: true, activatedAt: true, journey: { select: { id: true } } },
    });
    if (!row?.journey) return false;
    const recorded = { msisdn: row.msisdn, storeId: row.storeId, activatedAt: row.activatedAt.toISOString() };
    const requested = { msisdn: profile.msisdn, storeId: profile.storeId, activatedAt: profile.activatedAt };
    const fields = (Object.keys(recorded) as (keyof typeof recorded)[]).filter(
      (key) => recorded[key] !== requested[key],
    );
    if (fields.length > 0) {
      throw new ApiError(
        409,
        'conflicting_activation',
        `subscriber ${profile.subscriberId} already had a journey, with a different ${fields.join(', ')}`,
        fields.map((field) => ({ field, reason: 'differs from the activation of the earlier journey' })),
      );
    }
    return true;
  }

  private sameOrConflict(existing: ActivationProfile, requested: ActivationProfile, journey: StartedJourney) {
    const a = JSON.parse(JSON.stringify(existing)) as Record<string, unknown>;
    const b = JSON.parse(JSON.stringify(requested)) as Record<string, unknown>;
    if (isDeepStrictEqual(a, b)) return journey;
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
      (field) => !isDeepStrictEqual(a[field], b[field]),
    );
    throw new ApiError(
      409,
      'conflicting_activation',
      `subscriber ${requested.subscriberId} already has a journey, started with a different ${fields.join(', ')}`,
      fields.map((field) => ({ field, reason: 'differs from the activation that started the journey' })),
    );
  }
}

function isNotFound(error: unknown): boolean {
  // gRPC NOT_FOUND (5): the workflow has never existed or is past the namespace's retention.
  return (error as { code?: number }).code === 5 || error instanceof WorkflowNotFoundError;
}

function invalid(details: FieldError[]): ApiError {
  return new ApiError(400, 'invalid_request', details.map((d) => `${d.field}: ${d.reason}`).join('; '), details);
}

function unknownSubscriber(subscriberId: string): ApiError {
  return new ApiError(404, 'subscriber_not_found', `no journey for subscriber ${subscriberId}`);
}

function journeyEnded(subscriberId: string, why: string): ApiError {
  return new ApiError(409, 'journey_ended', `the journey of subscriber ${subscriberId} takes no more events: ${why}`);
}

/** The workflow validator's refusal, as the HTTP status that says who must change what. */
function refusal(failure: ApplicationFailure): ApiError {
  const status: Record<string, number> = {
    UnknownTask: 404,
    TaskEnded: 409,
    WrongRole: 403,
    WrongAssignee: 403,
    WrongStore: 403,
    InvalidOutcome: 422,
    InvalidAssignee: 422,
  };
  const code = (failure.type ?? 'refused').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return new ApiError(status[failure.type ?? ''] ?? 409, code, failure.message);
}
