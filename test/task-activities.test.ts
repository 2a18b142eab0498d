import { deadlinesOn, hoursFor } from '../activities/business-calendar';
import { createJourneyActivities } from '../activities/journeys';
import { createTaskActivities } from '../activities/tasks';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import type { JourneyTask } from '../workflows/tasks';
import { activationProfile, staff } from './support/journey-harness';
import { createTestDatabase } from './support/postgres';

// The inbox table mirrors the journey's tasks. A journey may schedule a task's creation and, when an
// update completes it at once, the completion's write before the first has finished: the two run
// side by side on the worker, and the newer revision must win whatever their order.
describe('task activities', () => {
  let prisma: PrismaClient;
  let saveTask: ReturnType<typeof createTaskActivities>['saveTask'];
  let openTask: ReturnType<typeof createTaskActivities>['openTask'];
  const journeyId = 'journey-SAVE-TASK';
  const subscriber = activationProfile({
    subscriberId: 'SAVE-TASK',
    msisdn: '13500000999',
    activatedAt: '2026-11-25T00:00:00.000Z',
  });

  beforeAll(async () => {
    prisma = createPrismaClient(await createTestDatabase());
    ({ saveTask, openTask } = createTaskActivities(prisma));
    await createJourneyActivities(prisma).registerJourney({ journeyId, subscriber });
  });
  afterAll(() => prisma.$disconnect());

  function task(id: string, revision: number, status: JourneyTask['status']): JourneyTask {
    return {
      id,
      type: 'vas_telemarketing',
      role: 'telemarketing',
      status,
      availableAt: '2026-11-25T00:00:00.000Z',
      dueAt: '2026-11-28T00:00:00.000Z',
      payload: {},
      attempts: [],
      maxAttempts: 1,
      ...(status === 'completed' ? { outcome: { result: 'declined' }, completedBy: staff.telemarketing.staffId } : {}),
      revision,
    };
  }

  const save = (view: JourneyTask) => saveTask({ journeyId, subscriberId: subscriber.subscriberId, task: view });

  it('keeps the newer revision when the first write and a completion race, 40 times out of 40', async () => {
    const ids = Array.from({ length: 40 }, (_, index) => `${journeyId}:race-${index}`);
    await Promise.all(ids.flatMap((id) => [save(task(id, 1, 'open')), save(task(id, 2, 'completed'))]));
    const rows = await prisma.task.findMany({ where: { id: { in: ids } } });
    expect(rows).toHaveLength(40);
    expect(rows.filter((row) => row.status !== 'completed' || row.revision !== 2).map((row) => row.id)).toEqual([]);
  });

  it('ignores a late retry of an older write', async () => {
    const id = `${journeyId}:late-retry`;
    await save(task(id, 1, 'open'));
    await save(task(id, 2, 'completed'));
    await save(task(id, 1, 'open'));
    const row = await prisma.task.findUniqueOrThrow({ where: { id } });
    expect([row.status, row.revision, row.completedById]).toEqual(['completed', 2, staff.telemarketing.staffId]);
  });

  it('opens a task with its deadlines counted in working time, and a retry answers the same', async () => {
    const id = `${journeyId}:open-in-working-time`;
    const opened = { ...task(id, 1, 'open'), availableAt: '2026-11-27T09:00:00.000Z' };
    const request = {
      journeyId,
      subscriberId: subscriber.subscriberId,
      task: opened,
      deadline: { role: 'telemarketing' as const, deadline: { workingDays: 3 }, overdueGraceHours: 8 },
    };
    const first = await openTask(request);
    const callCentre = await hoursFor(prisma, 'telemarketing', undefined);
    const counted = deadlinesOn(callCentre.hours, Date.parse(opened.availableAt), { workingDays: 3 }, 8);
    expect([Date.parse(first.dueAt), Date.parse(first.expiresAt)]).toEqual([counted.dueAt, counted.expiresAt]);
    const row = await prisma.task.findUniqueOrThrow({ where: { id } });
    expect(row.dueAt.toISOString()).toBe(first.dueAt);
    expect(row.calendarVersion).toBe(first.calendarVersion);
    expect(first.calendarVersion).toMatch(/^chinese-days@[\d.]+ call_centre#\d+$/);
    expect(await openTask(request)).toEqual(first);
    expect(await prisma.task.count({ where: { id } })).toBe(1);
  });

  it('writes an escalation and its audit entry in one call, the entry once however often it is retried', async () => {
    const id = `${journeyId}:escalated`;
    await save(task(id, 1, 'open'));
    const escalated = { ...task(id, 2, 'open'), escalatedAt: '2026-11-28T00:00:01.000Z' };
    const audit = {
      idempotencyKey: `${id}:escalated`,
      journeyId,
      subscriberId: subscriber.subscriberId,
      type: 'task_escalated',
      actor: 'journey',
      data: { taskId: id, to: 'supervisor' },
    };
    await saveTask({ journeyId, subscriberId: subscriber.subscriberId, task: escalated, audit });
    await saveTask({ journeyId, subscriberId: subscriber.subscriberId, task: escalated, audit });
    const row = await prisma.task.findUniqueOrThrow({ where: { id } });
    expect([row.revision, row.escalatedAt?.toISOString()]).toEqual([2, escalated.escalatedAt]);
    expect(await prisma.auditEvent.count({ where: { idempotencyKey: audit.idempotencyKey } })).toBe(1);
  });
});
