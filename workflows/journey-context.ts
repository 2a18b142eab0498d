import {
  ApplicationFailure,
  condition,
  isCancellation,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { activities } from './activity-proxies';
import { defaultFirstPaymentDue } from './calendar';
import type { JourneyEvent } from './events';
import type { SmsRequest } from '../activities/sms-templates';
import type { Tier } from './domain';
import type { JourneySchedule } from './schedule';
import { DAY_MS, HOUR_MS } from './schedule';
import { maskMsisdn, searchAttributes } from './search-attributes';
import type { JourneyInput, JourneyState, Moment } from './state';
import {
  outcomeSchemas,
  type TaskActor,
  type TaskOutcome,
  type TaskStatus,
  type TaskType,
  type TaskView,
} from './tasks';

/** What a moment asks for when it opens a task. */
export interface TaskRequest {
  /** Unique inside the journey; with the journey id it makes the task id (idempotent writes). */
  key: string;
  type: TaskType;
  role: TaskView['role'];
  storeId?: string;
  assigneeId?: string;
  dueAt: number;
  payload: Record<string, unknown>;
  maxAttempts?: number;
}

/**
 * The running journey: its state, its clock and the operations every moment shares (open a task and
 * wait for it with a deadline, send an SMS once, move to a moment). Moments stay a few lines each.
 */
export class Journey {
  readonly state: JourneyState;
  readonly schedule: JourneySchedule;
  readonly passwordSecretId?: string;
  readonly activatedAt: number;
  /** Set by the `subscriberLeft` signal; ends the journey as cancelled. */
  leftReason?: string;
  /** Business events waiting for {@link processEvents} (events.ts), oldest first. */
  readonly events: JourneyEvent[] = [];
  private assignmentEscalated = false;
  /** Work started with {@link spawn} and not finished yet. */
  private readonly background = new Set<Promise<void>>();
  /** Tasks changed by an update (completion, reassignment) and not yet written to the inbox table. */
  private readonly unsaved = new Set<TaskView>();
  private failBackground!: (error: unknown) => void;
  /** Rejects when work started with {@link spawn} fails for a reason other than the journey ending. */
  readonly backgroundFailure = new Promise<never>((_, reject) => {
    this.failBackground = reject;
  });

  constructor(input: JourneyInput) {
    const { subscriber, schedule } = input;
    this.schedule = schedule;
    this.passwordSecretId = input.passwordSecretId;
    this.activatedAt = Date.parse(subscriber.activatedAt);
    const firstPaymentDue = subscriber.firstPaymentDueAt
      ? Date.parse(subscriber.firstPaymentDueAt)
      : defaultFirstPaymentDue(this.activatedAt, schedule.timeZone);
    this.state = {
      journeyId: workflowInfo().workflowId,
      status: 'running',
      moment: 'activation',
      subscriber,
      tier: subscriber.tier,
      // The seed: diamond subscribers are do-not-disturb by default.
      dnd: subscriber.dnd ?? subscriber.tier === 'diamond',
      firstPaymentDueAt: new Date(firstPaymentDue).toISOString(),
      usage: [],
      tasks: [],
      sms: [],
      networkTickets: [],
      timeline: [],
    };
  }

  get subscriberId(): string {
    return this.state.subscriber.subscriberId;
  }

  get journeyEnd(): number {
    return this.activatedAt + this.schedule.journeyDays * DAY_MS;
  }

  /** The instant `days` after activation. */
  day(days: number): number {
    return this.activatedAt + days * DAY_MS;
  }

  /**
   * Sleeps on a durable timer until `instant`, or the journey's end if that comes first; false when
   * the journey's time is up, so the caller starts nothing new.
   *
   * Every wait of the journey ends by its last day, so at day 90 the moments finish by themselves and
   * no timer is ever cancelled on the way out (only a subscriber leaving cancels them).
   */
  async sleepUntil(instant: number): Promise<boolean> {
    const delay = Math.min(instant, this.journeyEnd) - Date.now();
    if (delay > 0) await sleep(delay);
    return !this.timeIsUp;
  }

  /** Waits until `done()` holds or `instant` (at the latest the journey's end) passes; true when `done()` held. */
  async waitUntil(done: () => boolean, instant: number): Promise<boolean> {
    const delay = Math.min(instant, this.journeyEnd) - Date.now();
    if (done() || delay <= 0) return done();
    return condition(done, delay);
  }

  /** True from the end of the journey's last day: loops stop and nothing new starts. */
  get timeIsUp(): boolean {
    return Date.now() >= this.journeyEnd;
  }

  /** The journey's own clock: wakes the event loops at the journey's end so they stop. */
  async keepTime(): Promise<void> {
    await this.sleepUntil(this.journeyEnd);
  }

  /** Starts work that runs beside the caller (e.g. a hotline callback opened by an event). */
  spawn(work: () => Promise<unknown>): void {
    const running: Promise<void> = work()
      .then(() => undefined)
      .catch((error: unknown) => {
        if (!isCancellation(error)) this.failBackground(error);
      })
      .finally(() => this.background.delete(running));
    this.background.add(running);
  }

  /** Resolves once all spawned work has finished (it is bounded by the journey's end too). */
  async backgroundFinished(): Promise<void> {
    await condition(() => this.background.size === 0);
  }

  note(kind: string, detail?: Record<string, unknown>): void {
    this.state.timeline.push({ at: new Date().toISOString(), kind, ...(detail ? { detail } : {}) });
  }

  async enterMoment(moment: Moment): Promise<void> {
    this.state.moment = moment;
    this.note('moment', { moment });
    upsertSearchAttributes([{ key: searchAttributes.moment, value: moment }]);
    await activities.recordMoment({ journeyId: this.state.journeyId, moment });
  }

  /** Initial search attributes, so engineers find the journey in the Web UI from its first task. */
  publishSearchAttributes(): void {
    upsertSearchAttributes([
      { key: searchAttributes.msisdnMasked, value: maskMsisdn(this.state.subscriber.msisdn) },
      { key: searchAttributes.tier, value: this.state.tier },
      { key: searchAttributes.moment, value: this.state.moment },
      { key: searchAttributes.storeId, value: this.state.subscriber.storeId },
    ]);
  }

  async setTier(tier: Tier): Promise<void> {
    this.state.tier = tier;
    upsertSearchAttributes([{ key: searchAttributes.tier, value: tier }]);
    await activities.updateSubscriber({ subscriberId: this.subscriberId, tier });
  }

  async setDnd(on: boolean, reason: string): Promise<void> {
    if (this.state.dnd === on) return;
    this.state.dnd = on;
    this.note('dnd_changed', { on, reason });
    await activities.updateSubscriber({ subscriberId: this.subscriberId, dnd: on });
  }

  /** Sends one SMS of the journey; `key` makes it exactly-once whatever retries happen. */
  async sendSms(key: string, sms: SmsRequest): Promise<void> {
    const idempotencyKey = `${this.state.journeyId}:sms:${key}`;
    if (this.state.sms.some((sent) => sent.idempotencyKey === idempotencyKey)) return;
    const sent = await activities.sendSms({
      idempotencyKey,
      subscriberId: this.subscriberId,
      msisdn: this.state.subscriber.msisdn,
      locale: this.state.subscriber.locale,
      sms,
    });
    this.state.sms.push({
      idempotencyKey,
      template: sent.template,
      category: sent.category,
      at: new Date().toISOString(),
    });
    this.note('sms_sent', { template: sent.template });
  }

  /** Answers an SMS from the subscriber: a help-menu digit gets its answer, anything else the menu again. */
  async replyToSms(messageId: string, text: string): Promise<void> {
    const idempotencyKey = `${this.state.journeyId}:sms:inbound-${messageId}`;
    if (this.state.sms.some((sms) => sms.idempotencyKey === idempotencyKey)) return;
    const sent = await activities.replyToInboundSms({
      idempotencyKey,
      subscriberId: this.subscriberId,
      msisdn: this.state.subscriber.msisdn,
      locale: this.state.subscriber.locale,
      text,
    });
    this.state.sms.push({
      idempotencyKey,
      template: sent.template,
      category: sent.category,
      at: new Date().toISOString(),
    });
    this.note('sms_answered', { template: sent.template });
  }

  /** Opens a task (in the workflow state and the staff inbox). */
  async openTask(request: TaskRequest): Promise<TaskView> {
    const task: TaskView = {
      id: `${this.state.journeyId}:${request.key}`,
      type: request.type,
      role: request.role,
      storeId: request.storeId,
      assigneeId: request.assigneeId,
      status: 'open',
      availableAt: new Date().toISOString(),
      dueAt: new Date(request.dueAt).toISOString(),
      payload: request.payload,
      attempts: [],
      maxAttempts: request.maxAttempts ?? 1,
      revision: 0,
    };
    this.state.tasks.push(task);
    this.note('task_opened', { taskId: task.id, type: task.type, dueAt: task.dueAt });
    await this.saveTask(task);
    return task;
  }

  /**
   * Waits for staff to finish `task`. Past its due time it is escalated to the supervisor once; if it
   * is still open `overdueGraceHours` later (or at the journey's end) it expires. A task due after
   * the journey's end expires then without escalation. Returns the task in its final state.
   */
  async settle(task: TaskView): Promise<TaskView> {
    const ended = () => task.status !== 'open';
    const dueAt = Date.parse(task.dueAt);
    if (await this.waitUntil(ended, dueAt)) return task;
    if (Date.now() < dueAt) {
      await this.endTask(task, 'expired', 'the journey ended before the task was due');
      return task;
    }
    await this.escalate(task);
    if (await this.waitUntil(ended, dueAt + this.schedule.overdueGraceHours * HOUR_MS)) return task;
    await this.endTask(task, 'expired', 'not completed in time');
    return task;
  }

  /** Opens a task and waits for it to end: the shape of most moments. */
  async runTask(request: TaskRequest): Promise<TaskView> {
    return this.settle(await this.openTask(request));
  }

  async escalate(task: TaskView): Promise<void> {
    if (task.escalatedAt) return;
    task.escalatedAt = new Date().toISOString();
    this.note('task_escalated', { taskId: task.id, type: task.type });
    await this.saveTask(task);
    await activities.recordAudit({
      idempotencyKey: `${task.id}:escalated`,
      journeyId: this.state.journeyId,
      subscriberId: this.subscriberId,
      type: 'task_escalated',
      actor: 'journey',
      data: { taskId: task.id, taskType: task.type, dueAt: task.dueAt, to: 'supervisor' },
    });
  }

  /** Past the assignment SLA with no manager: the supervisor hears of it once. */
  async escalateAssignment(slaDeadline: number): Promise<void> {
    if (this.assignmentEscalated) return;
    this.assignmentEscalated = true;
    this.note('assignment_escalated', { slaDeadline: new Date(slaDeadline).toISOString() });
    await activities.recordAudit({
      idempotencyKey: `${this.state.journeyId}:assignment-escalated`,
      journeyId: this.state.journeyId,
      subscriberId: this.subscriberId,
      type: 'assignment_escalated',
      actor: 'journey',
      data: { tier: this.state.tier, storeId: this.state.subscriber.storeId, to: 'supervisor' },
    });
  }

  /** Ends an open task without an outcome (expired, superseded, cancelled). */
  async endTask(task: TaskView, status: Exclude<TaskStatus, 'open' | 'completed'>, reason: string): Promise<void> {
    if (task.status !== 'open') return;
    task.status = status;
    task.endedAt = new Date().toISOString();
    task.endReason = reason;
    this.note(`task_${status}`, { taskId: task.id, type: task.type, reason });
    await this.saveTask(task);
  }

  openTasks(type?: TaskType): TaskView[] {
    return this.state.tasks.filter((task) => task.status === 'open' && (type === undefined || task.type === type));
  }

  /**
   * Refuses a completion that must not change anything: unknown or ended task, another role or store,
   * an outcome that does not fit the task. Runs as the update's validator.
   */
  validateCompletion(taskId: string, actor: TaskActor, outcome: unknown): TaskView {
    const task = this.openTaskForUpdate(taskId);
    if (actor.role !== task.role) {
      throw ApplicationFailure.nonRetryable(`task ${taskId} is for role ${task.role}, not ${actor.role}`, 'WrongRole');
    }
    if (task.assigneeId && task.assigneeId !== actor.staffId) {
      throw ApplicationFailure.nonRetryable(`task ${taskId} is assigned to another staff member`, 'WrongAssignee');
    }
    if (task.storeId && actor.storeId && task.storeId !== actor.storeId) {
      throw ApplicationFailure.nonRetryable(`task ${taskId} belongs to store ${task.storeId}`, 'WrongStore');
    }
    const parsed = outcomeSchemas[task.type].safeParse(outcome);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'outcome'}: ${issue.message}`);
      throw ApplicationFailure.nonRetryable(
        `invalid outcome for ${task.type}: ${reasons.join('; ')}`,
        'InvalidOutcome',
        ...reasons,
      );
    }
    if (task.type === 'onboarding_coaching')
      this.validateChecklist(task, parsed.data as TaskOutcome<'onboarding_coaching'>);
    return task;
  }

  /** The open task an update names; refused when it is unknown or has ended. */
  private openTaskForUpdate(taskId: string): TaskView {
    const task = this.state.tasks.find((candidate) => candidate.id === taskId);
    if (!task) throw ApplicationFailure.nonRetryable(`task ${taskId} is not part of this journey`, 'UnknownTask');
    if (task.status !== 'open') {
      throw ApplicationFailure.nonRetryable(`task ${taskId} has already ended (${task.status})`, 'TaskEnded');
    }
    return task;
  }

  /**
   * Refuses a reassignment that must not change anything: not a supervisor, an unknown or ended
   * task, an assignee of another role or the one already assigned. Runs as the update's validator.
   */
  validateReassignment(taskId: string, actor: TaskActor, assignee: TaskActor): TaskView {
    if (actor.role !== 'supervisor') {
      throw ApplicationFailure.nonRetryable(`only a supervisor reassigns tasks, not ${actor.role}`, 'WrongRole');
    }
    const task = this.openTaskForUpdate(taskId);
    if (assignee.role !== task.role) {
      throw ApplicationFailure.nonRetryable(
        `task ${taskId} is for role ${task.role}; ${assignee.staffId} is ${assignee.role}`,
        'InvalidAssignee',
      );
    }
    if (task.assigneeId === assignee.staffId) {
      throw ApplicationFailure.nonRetryable(
        `task ${taskId} is already assigned to ${assignee.staffId}`,
        'InvalidAssignee',
      );
    }
    return task;
  }

  /**
   * Gives the task to `assignee`: from then on only they complete it (a store task moves to their
   * store). Its due time stays: the SLA counts from the journey's moment, not from the reassignment.
   */
  applyReassignment(taskId: string, actor: TaskActor, assignee: TaskActor): TaskView {
    const task = this.validateReassignment(taskId, actor, assignee);
    const from = task.assigneeId ?? null;
    task.assigneeId = assignee.staffId;
    if (task.role === 'store') task.storeId = assignee.storeId;
    this.note('task_reassigned', { taskId, from, to: assignee.staffId, by: actor.staffId });
    this.unsaved.add(task);
    return { ...task };
  }

  private validateChecklist(task: TaskView, outcome: TaskOutcome<'onboarding_coaching'>): void {
    const expected = task.payload.checklist as string[];
    const given = Object.keys(outcome.checklist);
    const missing = expected.filter((item) => !given.includes(item));
    const extra = given.filter((item) => !expected.includes(item));
    if (missing.length > 0 || extra.length > 0) {
      const reasons = [
        ...missing.map((item) => `checklist.${item}: must be ticked done or skipped with a reason`),
        ...extra.map((item) => `checklist.${item}: not on this subscriber's checklist`),
      ];
      throw ApplicationFailure.nonRetryable(
        `invalid outcome for ${task.type}: ${reasons.join('; ')}`,
        'InvalidOutcome',
        ...reasons,
      );
    }
  }

  /**
   * Applies a validated completion. A "not reached" call before its last attempt only records the
   * attempt; the task stays open for another try inside its window.
   */
  applyCompletion(taskId: string, actor: TaskActor, outcome: unknown): TaskView {
    const task = this.validateCompletion(taskId, actor, outcome);
    const parsed = outcomeSchemas[task.type].parse(outcome) as TaskOutcome;
    const now = new Date().toISOString();
    if ('result' in parsed && parsed.result === 'not_reached' && task.attempts.length + 1 < task.maxAttempts) {
      task.attempts.push({ at: now, by: actor.staffId, ...(parsed.note ? { note: parsed.note } : {}) });
      this.note('task_attempt', { taskId, attempt: task.attempts.length, by: actor.staffId });
    } else {
      if ('result' in parsed && parsed.result === 'not_reached') task.attempts.push({ at: now, by: actor.staffId });
      task.status = 'completed';
      task.outcome = parsed;
      task.completedBy = actor.staffId;
      task.endedAt = now;
      this.note('task_completed', { taskId, type: task.type, by: actor.staffId });
    }
    // The update only changes state and answers; the inbox row is written by saveUpdatedTasks().
    this.unsaved.add(task);
    return { ...task };
  }

  /** Writes tasks changed by updates to the inbox table, until the journey's end. */
  async saveUpdatedTasks(): Promise<void> {
    for (;;) {
      await condition(() => this.unsaved.size > 0 || this.timeIsUp);
      if (this.timeIsUp) return;
      await this.flushUpdatedTasks();
    }
  }

  /** Writes the task changes of updates still unwritten (also at the journey's end). */
  async flushUpdatedTasks(): Promise<void> {
    for (const task of [...this.unsaved]) {
      this.unsaved.delete(task);
      await this.saveTask(task);
    }
  }

  private async saveTask(task: TaskView): Promise<void> {
    task.revision += 1;
    await activities.saveTask({ journeyId: this.state.journeyId, subscriberId: this.subscriberId, task: { ...task } });
  }
}
