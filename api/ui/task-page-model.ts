import type { Prisma } from '../../prisma/generated/client';
import type { StaffRole, Tier } from '../../domain/vocabulary';
import { type TaskStatus } from '../../workflows/tasks';
import { readTaskPayload, type TaskPayload } from './task-payloads';
import { taskForm, type Candidate, type TaskForm } from './views/task-form';
import type { TaskPlanContent } from './task-plan-content';
import { journeyHref } from './views/task-rows';

/** What the task page reads of a task row: the task with its subscriber, their plan and the assignee's name. */
export const taskPageInclude = {
  subscriber: { include: { plan: true } },
  assignee: { select: { displayName: true } },
} as const satisfies Prisma.TaskInclude;

export type TaskPageRow = Prisma.TaskGetPayload<{ include: typeof taskPageInclude }>;

/** A task page: the subscriber's facts, the script with the task's own figures, and the form. */
export interface TaskPageModel {
  task: {
    id: string;
    type: string;
    status: TaskStatus;
    dueAt: Date;
    /** The end of the plan's window (absent for tasks opened before windows), and whether the task is due there for want of working time. */
    windowEndsAt?: Date;
    dueAtWindowEnd: boolean;
    assignee?: { id: string; name: string };
  };
  subscriber: {
    name: string | null;
    msisdn: string | null;
    /** The number a 换号入网 customer replaced, for the number-change coaching (null: none given). */
    previousMsisdn: string | null;
    tier: Tier;
    dnd: boolean;
    journeyHref: string;
  };
  plan: { code: string; name: string; nameEn: string; monthlyFee: number };
  /** The payload read for the task's type; undefined when it cannot be read (the page says so). */
  payload: TaskPayload | undefined;
  content: TaskPlanContent;
  /** Why the last form post was refused. */
  error?: string;
  reassigned: boolean;
  form: TaskForm;
}

export function taskPageModel(
  row: TaskPageRow,
  view: {
    viewer: StaffRole;
    candidates: readonly Candidate[];
    requestId: string;
    reassigned: boolean;
    error?: string;
    content: TaskPlanContent;
  },
): TaskPageModel {
  const { subscriber } = row;
  const { plan } = subscriber;
  const payload = readTaskPayload(row.type, row.payload);
  return {
    task: {
      id: row.id,
      type: row.type,
      status: row.status,
      dueAt: row.dueAt,
      ...(row.windowEndsAt ? { windowEndsAt: row.windowEndsAt } : {}),
      dueAtWindowEnd: row.dueAtWindowEnd,
      ...(row.assignee && row.assigneeId ? { assignee: { id: row.assigneeId, name: row.assignee.displayName } } : {}),
    },
    subscriber: {
      name: subscriber.name,
      msisdn: subscriber.msisdn,
      previousMsisdn: subscriber.previousMsisdn,
      tier: subscriber.tier,
      dnd: subscriber.dnd,
      journeyHref: journeyHref(subscriber.id),
    },
    plan: { code: plan.code, name: plan.name, nameEn: plan.nameEn, monthlyFee: Number(plan.monthlyFee) },
    payload,
    content: view.content,
    error: view.error,
    reassigned: view.reassigned,
    form: taskForm(row, payload, view),
  };
}
