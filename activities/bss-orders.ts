import type { Prisma } from '../prisma/generated/client';
import type { PrismaClient } from '../platform/database';
import type { AuditEntry, BssOrderRequest } from '../workflows/activity-contract';

/** Activities that hand work to the BSS through its outbox (`bss_order`, collected through the API). */
export function createBssOrderActivities(prisma: PrismaClient) {
  return {
    /**
     * Writes the order and its audit entry together, once per audit key: a retry finds the order
     * and returns its id.
     */
    async placeBssOrder({ audit, order }: { audit: AuditEntry; order: BssOrderRequest }): Promise<{ orderId: string }> {
      const onTask = typeof audit.data.onTask === 'string' ? audit.data.onTask : null;
      const [placed] = await prisma.$transaction([
        prisma.bssOrder.upsert({
          where: { idempotencyKey: audit.idempotencyKey },
          create: {
            idempotencyKey: audit.idempotencyKey,
            subscriberId: audit.subscriberId,
            journeyId: audit.journeyId,
            taskId: onTask,
            status: 'pending',
            ...order,
          },
          update: {},
        }),
        prisma.auditEvent.upsert({
          where: { idempotencyKey: audit.idempotencyKey },
          create: { ...audit, data: audit.data as Prisma.InputJsonValue },
          update: {},
        }),
      ]);
      return { orderId: placed.id };
    },
  };
}
