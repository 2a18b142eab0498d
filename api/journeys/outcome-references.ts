import { managerProblem } from '../../activities/assignment';
import { activePlans, clubServices, promotions } from '../../activities/catalog';
import type { PrismaClient } from '../../platform/database';
import type { TaskOutcome, TaskType } from '../../workflows/tasks';
import type { FieldError } from '../http/errors';

/**
 * The catalog codes an outcome names, checked against the catalogs (the workflow's validator cannot
 * read the database): a plan to change to must be another active plan, a promotion one of the
 * catalog's, a club service one of the work order's. Each problem is named by its field path.
 */
export async function unknownCatalogReferences(
  prisma: PrismaClient,
  task: { type: string; subscriberId: string },
  outcome: TaskOutcome,
): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  const type = task.type as TaskType;
  if (type === 'first_followup_call') {
    const call = outcome as TaskOutcome<'first_followup_call'>;
    if (call.result !== 'reached') return problems;
    const asksChange = call.issues.some((issue) => issue.category === 'tariff' && issue.changePlanTo);
    const asksPromotion = call.issues.some((issue) => issue.category === 'promotion' && issue.promotionCode);
    const [plans, catalog, subscriber] = await Promise.all([
      asksChange ? activePlans(prisma) : [],
      asksPromotion ? promotions(prisma) : [],
      asksChange
        ? prisma.subscriber.findUnique({ where: { id: task.subscriberId }, select: { planCode: true } })
        : null,
    ]);
    call.issues.forEach((issue, index) => {
      if (issue.category === 'tariff' && issue.changePlanTo) {
        const field = `outcome.issues.${index}.changePlanTo`;
        if (issue.changePlanTo === subscriber?.planCode) problems.push({ field, reason: 'is the current plan' });
        else if (!plans.some((plan) => plan.code === issue.changePlanTo))
          problems.push({ field, reason: `no active plan ${issue.changePlanTo}` });
      }
      if (issue.category === 'promotion' && issue.promotionCode) {
        if (!catalog.some((promotion) => promotion.code === issue.promotionCode))
          problems.push({
            field: `outcome.issues.${index}.promotionCode`,
            reason: `no promotion ${issue.promotionCode}`,
          });
      }
    });
  }
  if (type === 'club_service_order') {
    const order = outcome as TaskOutcome<'club_service_order'>;
    if (order.result !== 'served') return problems;
    const known = new Set((await clubServices(prisma)).map((service) => service.code));
    for (const code of Object.keys(order.services)) {
      if (!known.has(code))
        problems.push({ field: `outcome.services.${code}`, reason: 'not a service of the work order' });
    }
  }
  return problems;
}

/**
 * The account manager a supervisor picks for a VIP (`vip_assignment`) must be able to take them: an
 * active account manager of the VIP's region with a free place, the rule of the automatic assignment
 * (which checks it again when it assigns).
 */
export async function ineligiblePick(
  prisma: PrismaClient,
  task: { type: string; subscriberId: string },
  outcome: TaskOutcome,
): Promise<FieldError[]> {
  if (task.type !== 'vip_assignment') return [];
  const { managerId } = outcome as TaskOutcome<'vip_assignment'>;
  const [subscriber, manager] = await Promise.all([
    prisma.subscriber.findUnique({ where: { id: task.subscriberId }, select: { store: { select: { region: true } } } }),
    prisma.staff.findUnique({
      where: { id: managerId },
      include: { _count: { select: { vipAssignments: { where: { endedAt: null } } } } },
    }),
  ]);
  const problem = managerProblem(
    manager ? { ...manager, load: manager._count.vipAssignments } : undefined,
    subscriber?.store.region ?? '',
  );
  return problem ? [{ field: 'outcome.managerId', reason: problem }] : [];
}
