import { JourneyService } from '../api/journeys/journey-service';
import type { PrismaClient } from '../platform/database';
import type { StaffMember } from '../api/staff-access/auth';
import type { JourneyTask, TaskActor } from '../workflows/tasks';
import { patches } from '../workflows/patches';
import { allDone, eventually, JourneyHarness, staff } from './support/journey-harness';

// A staff action is answered once the inbox shows it, and no later. Journeys since the patch
// `inbox-row-within-update` write the row before the update answers: the service looks once. A worker
// from before the patch answers first and writes the row after: the service waits for that write. Such
// a worker is today's workflow code with the patch left inactive for the journeys named PREPATCH (what
// the SDK's patch activation callback is for), so both kinds run side by side on one worker.
describe('task updates answer when the inbox row shows them', () => {
  let harness: JourneyHarness;
  let service: JourneyService;
  /** Reads of task rows by the service: the task's lookup, then its look(s) at the inbox row. */
  let taskReads = 0;

  beforeAll(async () => {
    harness = await JourneyHarness.start({
      patchActivationCallback: ({ workflowInfo, patchId }) =>
        !(patchId === patches.inboxRowWithinUpdate.id && workflowInfo.workflowId.includes('PREPATCH')),
    });
    const counted = harness.prisma.$extends({
      query: {
        task: {
          findUnique({ args, query }) {
            taskReads += 1;
            return query(args);
          },
        },
      },
    });
    service = new JourneyService({
      client: harness.env.client,
      prisma: counted as unknown as PrismaClient,
      secrets: harness.protection.secrets,
      sealed: harness.protection.sealed,
      namespace: 'default',
      taskQueue: harness.taskQueue,
    });
  });

  afterAll(() => harness?.stop());

  /** The inbox row as staff would read it next, in the answer's terms. */
  async function inboxRow(taskId: string) {
    const row = await harness.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    return {
      revision: row.revision,
      status: row.status,
      assigneeId: row.assigneeId ?? undefined,
      attempts: (row.attempts as unknown[]).length,
    };
  }

  const shown = (task: JourneyTask) => ({
    revision: task.revision,
    status: task.status,
    assigneeId: task.assigneeId,
    attempts: task.attempts.length,
  });

  /** The three actions staff take, in a journey's order: reassign, complete, a call not reached. */
  const actions: { name: string; type: 'onboarding_coaching' | 'first_followup_call'; days: number }[] = [
    { name: 'reassignment', type: 'onboarding_coaching', days: 0 },
    { name: 'completion', type: 'onboarding_coaching', days: 0 },
    { name: 'attempt (not reached)', type: 'first_followup_call', days: 4 },
  ];

  /** The seed's staff as the API authenticates them (region and words for the pages besides the actor). */
  const member = (actor: TaskActor): StaffMember => ({
    ...actor,
    name: actor.staffId,
    region: 'jinan',
    locale: 'zh-CN',
  });

  async function act(name: string, task: JourneyTask): Promise<JourneyTask> {
    if (name === 'reassignment')
      return service.reassignTask(task.id, member(staff.supervisor), staff.otherStoreClerk.staffId);
    if (name === 'completion') return service.completeTask(task.id, member(staff.otherStoreClerk), allDone(task));
    return service.completeTask(task.id, member(staff.followup), { result: 'not_reached' });
  }

  it('a journey since the patch: answered after one look at the inbox row, which shows the change', async () => {
    const handle = await harness.startJourney(await harness.activation());
    for (const { name, type, days } of actions) {
      if (days) await harness.advance(days);
      const task = await harness.task(handle, type);
      // Staff reach a task through its inbox row, which follows the journey's state by an activity.
      await eventually(() => harness.prisma.task.findUniqueOrThrow({ where: { id: task.id } }));
      taskReads = 0;
      const answer = await act(name, task);
      expect({ name, reads: taskReads, row: await inboxRow(task.id) }).toEqual({ name, reads: 2, row: shown(answer) });
    }
    await harness.leave(handle);
  });

  it('a worker from before the patch: the answer waits for the row written after it', async () => {
    const handle = await harness.startJourney(await harness.activation({ subscriberId: `PREPATCH-${Date.now()}` }));
    for (const { name, type, days } of actions) {
      if (days) await harness.advance(days);
      const task = await harness.task(handle, type);
      // The row stays locked until the service has looked at it twice after the journey answered (the
      // first read is the task's lookup): the journey's write of the change waits meanwhile, so the
      // service must not answer from the row it reads.
      let release!: () => void;
      const released = new Promise<void>((done) => (release = done));
      let lockTaken!: () => void;
      const locked = new Promise<void>((done) => (lockTaken = done));
      const holding = harness.prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1 FROM task WHERE id = ${task.id} FOR UPDATE`;
          lockTaken();
          await released;
        },
        { timeout: 60_000 },
      );
      await locked;
      taskReads = 0;
      let answered = false;
      const answer = act(name, task).finally(() => (answered = true));
      try {
        while (taskReads < 3 && !answered) await new Promise((done) => setTimeout(done, 10));
        expect({ name, answered }).toEqual({ name, answered: false });
      } finally {
        release();
        await holding;
      }
      const done = await answer;
      expect({ name, row: await inboxRow(task.id) }).toEqual({
        name,
        row: { ...shown(done), revision: done.revision + 1 },
      });
    }
    await harness.leave(handle);
  });
});
