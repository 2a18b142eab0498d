import { ApplicationFailure } from '@temporalio/common';
import { taskRefusals } from './messages';
import {
  addableAtCounter,
  outcomeSchema,
  type CoachingItem,
  type JourneyTask,
  type TaskActor,
  type TaskOutcome,
} from './tasks';

/**
 * What staff may do to a journey's tasks through the `completeTask` and `reassignTask` updates, as
 * pure functions over the task list: the validators refuse (nothing changes) with a
 * {@link taskRefusals} type and a reason; the apply functions change the task and say what happened.
 */

function refuse(message: string, type: string, ...details: string[]): never {
  throw ApplicationFailure.nonRetryable(message, type, ...details);
}

/** The open task an update names; refused when it is unknown or has ended. */
function openTaskNamed(tasks: readonly JourneyTask[], taskId: string): JourneyTask {
  const task = tasks.find((candidate) => candidate.id === taskId);
  if (!task) refuse(`task ${taskId} is not part of this journey`, taskRefusals.unknownTask);
  if (task.status !== 'open') refuse(`task ${taskId} has already ended (${task.status})`, taskRefusals.taskEnded);
  return task;
}

/**
 * Refuses a completion that must not change anything: unknown or ended task, another role, store or
 * assignee, an outcome that does not fit the task (or a checklist that is not this subscriber's).
 */
export function validateCompletion(
  tasks: readonly JourneyTask[],
  taskId: string,
  actor: TaskActor,
  outcome: unknown,
): { task: JourneyTask; outcome: TaskOutcome } {
  const task = openTaskNamed(tasks, taskId);
  if (actor.role !== task.role) {
    refuse(`task ${taskId} is for role ${task.role}, not ${actor.role}`, taskRefusals.wrongRole);
  }
  if (task.assigneeId && task.assigneeId !== actor.staffId) {
    refuse(`task ${taskId} is assigned to another staff member`, taskRefusals.wrongAssignee);
  }
  if (task.storeId && actor.storeId && task.storeId !== actor.storeId) {
    refuse(`task ${taskId} belongs to store ${task.storeId}`, taskRefusals.wrongStore);
  }
  const parsed = outcomeSchema(task.type).safeParse(outcome);
  const reasons = parsed.success
    ? checklistProblems(task, parsed.data as TaskOutcome)
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'outcome'}: ${issue.message}`);
  if (reasons.length > 0) {
    refuse(`invalid outcome for ${task.type}: ${reasons.join('; ')}`, taskRefusals.invalidOutcome, ...reasons);
  }
  return { task, outcome: parsed.data as TaskOutcome };
}

/**
 * Refuses a telemarketing call's try or completion once the customer is do-not-disturb: DND is set
 * before the journey has written the open call's end (the write takes a while), and staff must not
 * record a marketing contact meanwhile. Only the validator refuses so (validators do not run on
 * replay): completions accepted before this rule replay as they were.
 */
export function refuseMarketingWhileDnd(task: JourneyTask, dnd: boolean): void {
  if (task.type === 'vas_telemarketing' && dnd) {
    refuse(`task ${task.id}: the customer is now do-not-disturb, the call is cancelled`, taskRefusals.doNotDisturb);
  }
}

/**
 * An onboarding checklist must tick exactly this subscriber's items, and may add what the clerk learns
 * at the counter: a customer who replaces an old number (换号入网) the activation did not name gets
 * number-change coaching all the same, ticked done.
 */
function checklistProblems(task: JourneyTask, outcome: TaskOutcome): string[] {
  if (task.type !== 'onboarding_coaching') return [];
  const expected = task.payload.checklist as string[];
  const { checklist } = outcome as TaskOutcome<'onboarding_coaching'>;
  const given = Object.keys(checklist);
  const addable = (item: string) => addableAtCounter.includes(item as CoachingItem);
  const added = (item: string) => addable(item) && checklist[item as CoachingItem]?.done === true;
  return [
    ...expected
      .filter((item) => !given.includes(item))
      .map((item) => `checklist.${item}: must be ticked done or skipped with a reason`),
    ...given
      .filter((item) => !expected.includes(item) && !added(item))
      .map((item) =>
        addable(item)
          ? `checklist.${item}: not on this subscriber's checklist; tick it done to add it`
          : `checklist.${item}: not on this subscriber's checklist`,
      ),
  ];
}

/**
 * Applies a validated completion at `now`. A "not reached" call before its last attempt only records
 * the attempt (`'attempt'`); the task stays open for another try inside its window.
 */
export function applyCompletion(
  task: JourneyTask,
  actor: TaskActor,
  outcome: TaskOutcome,
  now: string,
): 'attempt' | 'completed' {
  const notReached = 'result' in outcome && outcome.result === 'not_reached';
  if (notReached && task.attempts.length + 1 < task.maxAttempts) {
    const { note } = outcome as { note?: string };
    task.attempts.push({ at: now, by: actor.staffId, ...(note ? { note } : {}) });
    return 'attempt';
  }
  if (notReached) task.attempts.push({ at: now, by: actor.staffId });
  task.status = 'completed';
  task.outcome = outcome;
  task.completedBy = actor.staffId;
  task.endedAt = now;
  return 'completed';
}

/**
 * Refuses a reassignment that must not change anything: not a supervisor, an unknown or ended task,
 * an assignee of another role or the one already assigned.
 */
export function validateReassignment(
  tasks: readonly JourneyTask[],
  taskId: string,
  actor: TaskActor,
  assignee: TaskActor,
): JourneyTask {
  if (actor.role !== 'supervisor') {
    refuse(`only a supervisor reassigns tasks, not ${actor.role}`, taskRefusals.wrongRole);
  }
  const task = openTaskNamed(tasks, taskId);
  if (assignee.role !== task.role) {
    refuse(
      `task ${taskId} is for role ${task.role}; ${assignee.staffId} is ${assignee.role}`,
      taskRefusals.invalidAssignee,
    );
  }
  if (task.assigneeId === assignee.staffId) {
    refuse(`task ${taskId} is already assigned to ${assignee.staffId}`, taskRefusals.invalidAssignee);
  }
  return task;
}

/**
 * Gives the task to `assignee`: from then on only they complete it (a store task moves to their
 * store). Its due time stays: the SLA counts from the journey's moment, not from the reassignment.
 * Returns who had it before.
 */
export function applyReassignment(task: JourneyTask, assignee: TaskActor): string | null {
  const from = task.assigneeId ?? null;
  task.assigneeId = assignee.staffId;
  if (task.role === 'store') task.storeId = assignee.storeId;
  return from;
}
