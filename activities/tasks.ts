import type { Prisma } from '../prisma/generated/client';
import type { PrismaClient } from '../platform/database';
import type { AuditEntry, TaskDeadlines, TaskDeadlinesRequest, TaskWrite } from '../workflows/activity-contract';
import { writeAudit } from './journeys';
import { taskDeadlines } from './business-calendar';

/** Activities that mirror the journey's tasks into the staff inbox table. */
export function createTaskActivities(prisma: PrismaClient) {
  return {
    /**
     * Writes the task as the journey holds it. Idempotent, and ordered by `revision`: a retried older
     * write never overwrites a newer one. With `audit`, the change's audit entry is written too (once per
     * key): an escalation is one activity in the journey's history, not two.
     */
    async saveTask({ audit, ...write }: TaskWrite & { audit?: AuditEntry }): Promise<void> {
      await writeTask(prisma, write);
      if (audit) await writeAudit(prisma, audit);
    },

    /**
     * Counts a new task's deadlines in its role's working time and writes its inbox row with them, in
     * one activity: the journey records one activity per task it opens, not two, which keeps a VIP's
     * 90 days under their history budget (docs/performance.md). A retry counts again and finds the row
     * already written at this revision: should the hours have changed between the two attempts, the row
     * keeps the first count until the task's next change rewrites it with the journey's.
     */
    async openTask({
      deadline,
      ...write
    }: TaskWrite & { deadline: Omit<TaskDeadlinesRequest, 'openedAt'> }): Promise<TaskDeadlines> {
      const deadlines = await taskDeadlines(prisma, { ...deadline, openedAt: write.task.availableAt });
      await writeTask(prisma, { ...write, task: { ...write.task, ...deadlines } });
      return deadlines;
    },
  };
}

async function writeTask(prisma: PrismaClient, { journeyId, subscriberId, task }: TaskWrite): Promise<void> {
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
    windowEndsAt: task.windowEndsAt ? new Date(task.windowEndsAt) : null,
    dueAtWindowEnd: task.dueAtWindowEnd ?? false,
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
}
