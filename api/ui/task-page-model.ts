import type { Prisma } from '../../prisma/generated/client';
import type { StaffRole, Tier } from '../../domain/vocabulary';
import { coachingItems, type CoachingItem, type TaskStatus } from '../../workflows/tasks';
import { readTaskPayload, type TaskPayload } from './task-payloads';
import { activePlans, promotions, tieredServicesOf, toPlanTerms } from '../../activities/catalog';
import type { PlanChoice } from '../../activities/plan-fit';
import type { Localized } from '../../domain/localized';
import { promotionStatus, type PromotionStatus } from '../../domain/promotions';
import { checklistPoints, type Point } from '../../domain/service-plan';
import type { PrismaClient } from '../../platform/database';
import { taskForm, type Candidate, type TaskForm } from './views/task-form';
import { journeyHref } from './views/task-rows';

/** What the task page reads of a task row: the task with its subscriber, their plan and the assignee's name. */
export const taskPageInclude = {
  subscriber: { include: { plan: true } },
  assignee: { select: { displayName: true } },
} as const satisfies Prisma.TaskInclude;

export type TaskPageRow = Prisma.TaskGetPayload<{ include: typeof taskPageInclude }>;

/**
 * The operator's plan as a task page shows it: the checklist's points with the subscriber's own plan
 * and tier rights, and the choices of the follow-up call (plans to change to, promotions asked about).
 */
export interface TaskPlanContent {
  points: Partial<Record<CoachingItem, Point[]>>;
  plans: PlanChoice[];
  promotions: { code: string; name: Localized; status: PromotionStatus }[];
}

/** Loads what the task's page shows of the plan's content and catalogs (nothing for most tasks). */
export async function taskPlanContent(prisma: PrismaClient, row: TaskPageRow): Promise<TaskPlanContent> {
  const content: TaskPlanContent = { points: {}, plans: [], promotions: [] };
  const planTerms = toPlanTerms(row.subscriber.plan);
  if (row.type === 'onboarding_coaching') {
    const tierRights = await tieredServicesOf(prisma, row.subscriber.tier);
    for (const item of coachingItems) content.points[item] = checklistPoints(item, { plan: planTerms, tierRights });
  }
  if (row.type === 'first_followup_call') {
    const [plans, catalog] = await Promise.all([activePlans(prisma), promotions(prisma)]);
    content.plans = plans
      .filter((plan) => plan.code !== planTerms.code)
      .map(({ code, name, nameEn, monthlyFee }) => ({ code, name, nameEn, monthlyFee }));
    const now = Date.now();
    content.promotions = catalog
      .map((promotion) => ({ code: promotion.code, name: promotion.name, status: promotionStatus(promotion, now) }))
      .filter((promotion) => promotion.status !== 'ended');
  }
  return content;
}

/** A task page: the subscriber's facts, the script with the task's own figures, and the form. */
export interface TaskPageModel {
  task: { id: string; type: string; status: TaskStatus; dueAt: Date; assignee?: { id: string; name: string } };
  subscriber: { name: string | null; msisdn: string | null; tier: Tier; dnd: boolean; journeyHref: string };
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
      ...(row.assignee && row.assigneeId ? { assignee: { id: row.assigneeId, name: row.assignee.displayName } } : {}),
    },
    subscriber: {
      name: subscriber.name,
      msisdn: subscriber.msisdn,
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
