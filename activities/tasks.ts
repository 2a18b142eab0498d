import type { Prisma } from '../prisma/generated/client';
import type { PrismaClient } from '../platform/database';
import type { JourneyTask } from '../workflows/tasks';

/** Activities that mirror the journey's tasks into the staff inbox table. */
export function createTaskActivities(prisma: PrismaClient) {
  return {
    /**
     * Writes the task as the journey holds it. Idempotent, and ordered by `revision`: a retried older
     * write never overwrites a newer one.
     */
    async saveTask({
      journeyId,
      subscriberId,
      task,
    }: {
      journeyId: string;
      subscriberId: string;
      task: JourneyTask;
    }): Promise<void> {
      const fields = {
        status: task.status,
        storeId: task.storeId ?? null,
        assigneeId: task.assigneeId ?? null,
        dueAt: new Date(task.dueAt),
        payload: task.payload as Prisma.InputJsonValue,
        attempts: task.attempts as unknown as Prisma.InputJsonValue,
        outcome: (task.outcome ?? undefined) as Prisma.InputJsonValue | undefined,
        completedById: task.completedBy ?? null,
        escalatedAt: task.escalatedAt ? new Date(task.escalatedAt) : null,
        endedAt: task.endedAt ? new Date(task.endedAt) : null,
        endReason: task.endReason ?? null,
        calendarVersion: task.calendarVersion ?? null,
        revision: task.revision,
      };
      // Update if an older revision is stored; else create; and if a concurrent first write created
      // the row in between (the insert then waits for it and does nothing), update once more.
      const updateIfNewer = () =>
        prisma.task.updateMany({ where: { id: task.id, revision: { lt: task.revision } }, data: fields });
      if ((await updateIfNewer()).count > 0) return;
      const created = await prisma.task.createMany({
        data: [
          {
            id: task.id,
            journeyId,
            subscriberId,
            type: task.type,
            role: task.role,
            availableAt: new Date(task.availableAt),
            maxAttempts: task.maxAttempts,
            ...fields,
          },
        ],
        skipDuplicates: true,
      });
      if (created.count === 0) await updateIfNewer();
    },
  };
}
