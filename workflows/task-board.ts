import { CancellationScope, condition, patched } from '@temporalio/workflow';
import type { WorkingDeadline } from '../domain/working-time';
import type { AuditEntry } from './activity-contract';
import { activities } from './activity-proxies';
import type { JourneyClock } from './journey-clock';
import type { JourneySchedule } from './schedule';
import { HOUR_MS } from './schedule';
import type { JourneyState } from './state';
import {
  applyCompletion,
  applyReassignment,
  refuseMarketingWhileDnd,
  validateCompletion,
  validateReassignment,
} from './task-updates';
import type { JourneyTask, TaskActor, TaskPayloads, TaskStatus, TaskType } from './tasks';
import { patches } from './patches';

/** What a moment asks for when it opens a task of type `T`. */
export interface TaskRequest<T extends TaskType = TaskType> {
  /** Unique inside the journey; with the journey id it makes the task id (idempotent writes). */
  key: string;
  type: T;
  role: JourneyTask['role'];
  storeId?: string;
  assigneeId?: string;
  /** When the task is due in working time (docs/calendar.md#task-deadlines), inside its window. */
  deadline: WorkingDeadline;
  /**
   * When it is due in calendar days: the end of the operator plan's window for the task (day 3 of the
   * coaching, 7 days after the manager's assignment…). Compressed schedules and journeys from before
   * working time are due then; in working time the due time never passes it.
   */
  dueAt: number;
  /** The window's end when the calendar-day due time comes before it (the payment call: due a day before the bill). */
  windowEndsAt?: number;
  payload: TaskPayloads[T];
  maxAttempts?: number;
}

/** What the task board needs of its journey. */
export interface TaskBoardJourney {
  readonly state: JourneyState;
  readonly clock: JourneyClock;
  readonly schedule: JourneySchedule;
  readonly subscriberId: string;
  note(kind: string, detail?: Record<string, unknown>): void;
  /** Refreshes the journey's current details in the Temporal Web UI (its open tasks changed). */
  describe(): void;
}

/**
 * A journey's tasks: opened by moments, waited for with a deadline (escalated once when overdue,
 * expired later), completed and reassigned by staff through updates, and mirrored into the staff
 * inbox table by the `openTask` and `saveTask` activities, each write with a higher revision.
 */
export class TaskBoard {
  /** Tasks changed by an update and not yet written to the inbox table (journeys from before `inbox-row-within-update`). */
  private readonly unsaved = new Set<JourneyTask>();
  /** Escalations being told to the supervisor: the journey's end waits for them (see {@link escalate}). */
  private readonly telling = new Set<Promise<void>>();

  constructor(private readonly journey: TaskBoardJourney) {}

  /** Opens a task (in the workflow state and the staff inbox). */
  async open<T extends TaskType>(request: TaskRequest<T>): Promise<JourneyTask> {
    const { state } = this.journey;
    const openedAt = new Date().toISOString();
    const task: JourneyTask = {
      id: `${state.journeyId}:${request.key}`,
      type: request.type,
      role: request.role,
      storeId: request.storeId,
      assigneeId: request.assigneeId,
      status: 'open',
      availableAt: openedAt,
      dueAt: new Date(request.dueAt).toISOString(),
      windowEndsAt: new Date(request.windowEndsAt ?? request.dueAt).toISOString(),
      payload: request.payload as unknown as Record<string, unknown>,
      attempts: [],
      maxAttempts: request.maxAttempts ?? 1,
      revision: 0,
    };
    // In working time the activity that counts the deadlines writes the inbox row too, and the journey
    // takes the task once they are counted: a completion can't reach it before.
    const inWorkingTime = this.countsWorkingTime();
    if (inWorkingTime) Object.assign(task, await this.openInWorkingTime(request, task));
    state.tasks.push(task);
    this.journey.note('task_opened', { taskId: task.id, type: task.type, dueAt: task.dueAt });
    if (inWorkingTime) this.journey.describe();
    else await this.save(task);
    return task;
  }

  /**
   * True when tasks are due in working time; false for compressed schedules and for journeys that
   * opened tasks before working time (their histories replay unchanged).
   */
  private countsWorkingTime(): boolean {
    return this.journey.schedule.deadlines !== 'calendar_days' && patched(patches.workingTimeDeadlines.id);
  }

  /**
   * Writes a new task's inbox row with its due time, counted by the activity in the working time of its
   * role (and store) on today's hours inside the task's window, and answers that due time, its expiry,
   * the calendar's version and whether the calendar left no working time in the window.
   */
  private async openInWorkingTime(
    request: TaskRequest,
    task: JourneyTask,
  ): Promise<Pick<JourneyTask, 'dueAt' | 'expiresAt' | 'calendarVersion' | 'dueAtWindowEnd' | 'revision'>> {
    const { schedule, state } = this.journey;
    const revision = task.revision + 1;
    const deadlines = await activities.openTask.executeWithOptions(
      { summary: `task ${request.type}: open, due in working time (inbox row)` },
      [
        {
          journeyId: state.journeyId,
          subscriberId: this.journey.subscriberId,
          task: { ...task, revision },
          deadline: {
            role: request.role,
            storeId: request.storeId ?? state.subscriber.storeId,
            // The window reaches the activity in its input, which replay does not compare: journeys
            // replay their recorded due times, and tasks they open from now on are due inside it.
            deadline: { ...request.deadline, windowEndsAt: request.windowEndsAt ?? request.dueAt },
            overdueGraceHours: schedule.overdueGraceHours,
          },
        },
      ],
    );
    return { ...deadlines, revision };
  }

  /**
   * Waits for staff to finish `task`. Past its due time it is escalated to the supervisor once; if it
   * is still open `overdueGraceHours` later (working hours since working time; or at the journey's
   * end) it expires. A task due after
   * the journey's end expires then without escalation. Returns the task in its final state.
   */
  async settle(task: JourneyTask): Promise<JourneyTask> {
    const { clock, schedule } = this.journey;
    const ended = () => task.status !== 'open';
    const dueAt = Date.parse(task.dueAt);
    if (await clock.waitUntil(ended, dueAt, `task ${task.type}: due`)) return task;
    if (Date.now() < dueAt) {
      await this.end(task, 'expired', 'the journey ended before the task was due');
      return task;
    }
    await this.escalate(task);
    const expiresAt = task.expiresAt ? Date.parse(task.expiresAt) : dueAt + schedule.overdueGraceHours * HOUR_MS;
    if (await clock.waitUntil(ended, expiresAt, `task ${task.type}: escalated, expires`)) return task;
    await this.end(task, 'expired', 'not completed in time');
    return task;
  }

  /** Opens a task and waits for it to end: the shape of most moments. */
  async run<T extends TaskType>(request: TaskRequest<T>): Promise<JourneyTask> {
    return this.settle(await this.open(request));
  }

  /** Tells the supervisor of an overdue task, once (a `task_escalated` audit event). */
  async escalate(task: JourneyTask): Promise<void> {
    if (task.escalatedAt) return;
    task.escalatedAt = new Date().toISOString();
    this.journey.note('task_escalated', { taskId: task.id, type: task.type });
    const audit: AuditEntry = {
      idempotencyKey: `${task.id}:escalated`,
      journeyId: this.journey.state.journeyId,
      subscriberId: this.journey.subscriberId,
      type: 'task_escalated',
      actor: 'journey',
      data: { taskId: task.id, taskType: task.type, dueAt: task.dueAt, to: 'supervisor' },
    };
    // One activity writes the row and the audit entry; journeys escalated before that replay two.
    if (patched(patches.escalationInOneActivity.id)) {
      const tell = () => this.save(task, audit, `task ${task.type}: escalated, tell the supervisor (inbox row)`);
      if (!patched(patches.escalationOutlivesLeaving.id)) return tell();
      // The task says it was escalated from here on: a subscriber leaving meanwhile must not cancel the
      // write that tells the supervisor, and the journey ends only once it is done.
      const telling = CancellationScope.nonCancellable(tell);
      this.telling.add(telling);
      try {
        await telling;
      } finally {
        this.telling.delete(telling);
      }
      return;
    }
    await this.save(task);
    await activities.recordAudit.executeWithOptions({ summary: `task ${task.type}: escalated, tell the supervisor` }, [
      audit,
    ]);
  }

  /** Resolves once every escalation under way has told the supervisor (or failed trying). */
  async escalationsTold(): Promise<void> {
    await Promise.allSettled([...this.telling]);
  }

  /** Ends an open task without an outcome (expired, superseded, cancelled). */
  async end(task: JourneyTask, status: Exclude<TaskStatus, 'open' | 'completed'>, reason: string): Promise<void> {
    if (task.status !== 'open') return;
    task.status = status;
    task.endedAt = new Date().toISOString();
    task.endReason = reason;
    this.journey.note(`task_${status}`, { taskId: task.id, type: task.type, reason });
    await this.save(task);
  }

  /** The open tasks, of one type or all. */
  openTasks(type?: TaskType): JourneyTask[] {
    return this.journey.state.tasks.filter(
      (task) => task.status === 'open' && (type === undefined || task.type === type),
    );
  }

  /** The `completeTask` update's validator: refuses without changing anything. */
  validateCompletion(taskId: string, actor: TaskActor, outcome: unknown): void {
    const { task } = validateCompletion(this.journey.state.tasks, taskId, actor, outcome);
    refuseMarketingWhileDnd(task, this.journey.state.dnd);
  }

  /** The `completeTask` update: applies a completion (or a "not reached" attempt) and answers the task. */
  complete(taskId: string, actor: TaskActor, outcome: unknown): JourneyTask | Promise<JourneyTask> {
    const valid = validateCompletion(this.journey.state.tasks, taskId, actor, outcome);
    const { task } = valid;
    if (applyCompletion(task, actor, valid.outcome, new Date().toISOString()) === 'attempt') {
      this.journey.note('task_attempt', { taskId, attempt: task.attempts.length, by: actor.staffId });
    } else {
      this.journey.note('task_completed', { taskId, type: task.type, by: actor.staffId });
    }
    return this.answerChanged(task);
  }

  /** The `reassignTask` update's validator: refuses without changing anything. */
  validateReassignment(taskId: string, actor: TaskActor, assignee: TaskActor): void {
    validateReassignment(this.journey.state.tasks, taskId, actor, assignee);
  }

  /** The `reassignTask` update: gives an open task to a named colleague of its role. */
  reassign(taskId: string, actor: TaskActor, assignee: TaskActor): JourneyTask | Promise<JourneyTask> {
    const task = validateReassignment(this.journey.state.tasks, taskId, actor, assignee);
    const from = applyReassignment(task, assignee);
    this.journey.note('task_reassigned', { taskId, from, to: assignee.staffId, by: actor.staffId });
    return this.answerChanged(task);
  }

  /**
   * Writes the inbox row of a task an update changed, then answers the task: staff get their answer
   * once the inbox shows it, and the update schedules its write before anything else it causes, wherever
   * it lands among the journey's workflow tasks (docs/known-issues.md#replaying-a-journey-with-staff-updates-can-misorder-an-update-temporal-sdk-core).
   * Journeys that took updates before this change answered at once and wrote the row from
   * saveChanges(); they replay so (the handler stays synchronous on that path).
   */
  private answerChanged(task: JourneyTask): JourneyTask | Promise<JourneyTask> {
    if (!patched(patches.inboxRowWithinUpdate.id)) {
      this.unsaved.add(task);
      return { ...task };
    }
    return this.save(task).then(() => ({ ...task }));
  }

  /** Writes tasks changed by updates to the inbox table, until the journey's end (journeys from before `inbox-row-within-update`). */
  async saveChanges(): Promise<void> {
    for (;;) {
      await condition(() => this.unsaved.size > 0 || this.journey.clock.timeIsUp);
      if (this.journey.clock.timeIsUp) return;
      await this.flushChanges();
    }
  }

  /** Writes the task changes of updates still unwritten (also at the journey's end). */
  async flushChanges(): Promise<void> {
    for (const task of [...this.unsaved]) {
      this.unsaved.delete(task);
      await this.save(task);
    }
  }

  private async save(task: JourneyTask, audit?: AuditEntry, summary?: string): Promise<void> {
    task.revision += 1;
    this.journey.describe();
    await activities.saveTask.executeWithOptions(
      { summary: summary ?? `task ${task.type}: ${task.status} (inbox row)` },
      [{ journeyId: this.journey.state.journeyId, subscriberId: this.journey.subscriberId, task: { ...task }, audit }],
    );
  }
}
