import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../platform/database';
import { activityFailures } from '../workflows/failure-types';
import type { Tier } from '../domain/vocabulary';

/** The manager a VIP was given. */
export interface AccountManagerAssignment {
  staffId: string;
  name: string;
  assignedAt: string;
}

/** Activities that give VIP subscribers their account manager (客户经理). */
export function createAssignmentActivities(prisma: PrismaClient) {
  return {
    /**
     * Picks an account manager of the subscriber's region, preferring the activating store, then the
     * lowest current load, never past a manager's capacity. Idempotent by `assignmentKey`; one region
     * assigns one VIP at a time (advisory lock) so two journeys cannot both take a last free place.
     * Nobody free → a retryable `NoManagerAvailable` failure.
     */
    async assignAccountManager(request: {
      assignmentKey: string;
      subscriberId: string;
      storeId: string;
      tier: Tier;
      /** The journey's clock at the request (ISO), so the first call's deadline counts from it. */
      requestedAt: string;
      /** When the subscriber became VIP (ISO): the assignment SLA (3 days) counts from it. */
      ratedAt?: string;
    }): Promise<AccountManagerAssignment> {
      return prisma.$transaction(async (tx) => {
        const existing = await tx.vipAssignment.findUnique({
          where: { assignmentKey: request.assignmentKey },
          include: { manager: true },
        });
        if (existing)
          return {
            staffId: existing.managerId,
            name: existing.manager.displayName,
            assignedAt: existing.assignedAt.toISOString(),
          };

        const store = await tx.store.findUnique({ where: { id: request.storeId } });
        if (!store)
          throw ApplicationFailure.nonRetryable(`unknown store ${request.storeId}`, activityFailures.unknownStore);
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`vip-assignment:${store.region}`}))`;
        const managers = await tx.staff.findMany({
          where: { role: 'account_manager', active: true, region: store.region },
          include: { _count: { select: { vipAssignments: { where: { endedAt: null } } } } },
        });
        const candidates = managers
          .map((manager) => ({ manager, load: manager._count.vipAssignments }))
          .filter(({ manager, load }) => load < manager.capacity)
          .sort(
            (a, b) =>
              Number(b.manager.storeId === store.id) - Number(a.manager.storeId === store.id) ||
              a.load - b.load ||
              a.manager.id.localeCompare(b.manager.id),
          );
        const chosen = candidates[0];
        if (!chosen) {
          throw ApplicationFailure.retryable(
            `no account manager with free capacity in region ${store.region}`,
            'NoManagerAvailable',
          );
        }
        const assignment = await tx.vipAssignment.create({
          data: {
            assignmentKey: request.assignmentKey,
            subscriberId: request.subscriberId,
            managerId: chosen.manager.id,
            tier: request.tier,
            assignedAt: new Date(request.requestedAt),
            ratedAt: request.ratedAt ? new Date(request.ratedAt) : null,
          },
        });
        return {
          staffId: chosen.manager.id,
          name: chosen.manager.displayName,
          assignedAt: assignment.assignedAt.toISOString(),
        };
      });
    },
  };
}
