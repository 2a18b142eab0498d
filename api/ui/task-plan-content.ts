import { activePlans, promotions, tieredServicesOf, toPlanTerms } from '../../activities/catalog';
import type { PlanChoice } from '../../domain/plan-fit-analysis';
import type { Localized } from '../../domain/localized';
import { promotionStatus, type PromotionStatus } from '../../domain/promotions';
import { checklistPoints, type Point } from '../../domain/service-plan';
import { coachingItems, type CoachingItem, type Tier } from '../../domain/vocabulary';
import type { PrismaClient } from '../../platform/database';

/**
 * The operator's plan as a task page shows it: the checklist's points with the subscriber's own plan
 * and tier rights (the manager's first call shows the tier rights too), and the choices of the
 * follow-up call (plans to change to, promotions asked about).
 */
export interface TaskPlanContent {
  points: Partial<Record<CoachingItem, Point[]>>;
  plans: PlanChoice[];
  promotions: { code: string; name: Localized; status: PromotionStatus }[];
  /** For the supervisor's pick of a VIP's manager: the region's active account managers with a free place. */
  managers: ManagerChoice[];
}

/** An account manager the supervisor may give a VIP, with their VIPs now and their capacity. */
export interface ManagerChoice {
  id: string;
  name: string;
  storeId: string | null;
  load: number;
  capacity: number;
}

/** Loads what the task's page shows of the plan's content and catalogs (nothing for most tasks). */
export async function taskPlanContent(
  prisma: PrismaClient,
  row: { type: string; subscriber: { tier: Tier; storeId: string; plan: Parameters<typeof toPlanTerms>[0] } },
): Promise<TaskPlanContent> {
  const content: TaskPlanContent = { points: {}, plans: [], promotions: [], managers: [] };
  if (row.type === 'vip_assignment') content.managers = await managersWithRoom(prisma, row.subscriber.storeId);
  const planTerms = toPlanTerms(row.subscriber.plan);
  if (row.type === 'onboarding_coaching') {
    const tierRights = await tieredServicesOf(prisma, row.subscriber.tier);
    for (const item of coachingItems) content.points[item] = checklistPoints(item, { plan: planTerms, tierRights });
  }
  // The manager's first call tells the tier and its rights (告知客户等级及权益): the tier the customer has now.
  if (row.type === 'vip_first_call') {
    const tierRights = await tieredServicesOf(prisma, row.subscriber.tier);
    content.points.tier_rights = checklistPoints('tier_rights', { tierRights });
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

/** The account managers of the store's region who could take one more VIP now, the store's own first. */
async function managersWithRoom(prisma: PrismaClient, storeId: string): Promise<ManagerChoice[]> {
  const store = await prisma.store.findUnique({ where: { id: storeId }, select: { region: true } });
  const managers = await prisma.staff.findMany({
    where: { role: 'account_manager', active: true, region: store?.region ?? '' },
    include: { _count: { select: { vipAssignments: { where: { endedAt: null } } } } },
    orderBy: { id: 'asc' },
  });
  return managers
    .map((manager) => ({
      id: manager.id,
      name: manager.displayName,
      storeId: manager.storeId,
      load: manager._count.vipAssignments,
      capacity: manager.capacity,
    }))
    .filter((manager) => manager.load < manager.capacity)
    .sort((a, b) => Number(b.storeId === storeId) - Number(a.storeId === storeId));
}
