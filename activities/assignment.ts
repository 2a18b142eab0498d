import { ApplicationFailure, Context } from '@temporalio/activity';
import type { PrismaClient } from '../platform/database';
import type { AccountManagerAssignment, AccountManagerRequest } from '../workflows/activity-contract';
import { activityFailures } from '../workflows/failure-types';

/** What the assignment needs to know of a staff member to give them a VIP. */
export interface ManagerCandidate {
  role: string;
  active: boolean;
  region: string;
  capacity: number;
  /** Their VIPs now (active assignments). */
  load: number;
}

/**
 * Why a staff member cannot take a VIP of `region`, or undefined when they can: an active account
 * manager of the region with a free place. The rule of the automatic assignment, for the supervisor's
 * pick too (the API checks it before the journey, the activity again under the region's lock).
 */
export function managerProblem(candidate: ManagerCandidate | undefined, region: string): string | undefined {
  if (!candidate) return 'no such staff member';
  if (candidate.role !== 'account_manager') return 'not an account manager';
  if (!candidate.active) return 'no longer active';
  if (candidate.region !== region) return `serves region ${candidate.region}, not ${region}`;
  if (candidate.load >= candidate.capacity) return `no free place (${candidate.load} of ${candidate.capacity} VIPs)`;
  return undefined;
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
    async assignAccountManager(request: AccountManagerRequest): Promise<AccountManagerAssignment> {
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
          where: request.managerId
            ? { id: request.managerId }
            : { role: 'account_manager', active: true, region: store.region },
          include: { _count: { select: { vipAssignments: { where: { endedAt: null } } } } },
        });
        if (request.managerId) {
          const [picked] = managers;
          const problem = managerProblem(picked && { ...picked, load: picked._count.vipAssignments }, store.region);
          if (problem) {
            throw ApplicationFailure.nonRetryable(
              `${request.managerId} cannot take this VIP: ${problem}`,
              activityFailures.managerNotEligible,
            );
          }
        }
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
            // When this attempt was scheduled, on the journey's server: a try that retried (nobody free,
            // the database slow) counts the first call's 7 days from when it found the manager, not
            // from when it began; on compressed days a minute of retries is weeks of the journey.
            assignedAt: new Date(Math.max(Date.parse(request.requestedAt), attemptScheduledAt())),
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

/** The instant Temporal scheduled the running attempt of this activity (its server's clock). */
function attemptScheduledAt(): number {
  return Context.current().info.currentAttemptScheduledTimestampMs;
}
