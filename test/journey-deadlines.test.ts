import { WorkflowUpdateFailedError } from '@temporalio/client';
import { completeTask, reassignTask } from '../workflows/messages';
import { executeStaffUpdate } from '../platform/staff-update';
import type { TaskActor, JourneyTask } from '../workflows/tasks';
import { allDone, eventually, JourneyHarness, staff, type JourneyHandle } from './support/journey-harness';

describe('tasks with deadlines and validated completions', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  afterAll(() => harness?.stop());

  // Scenario 2 (docs/journey.md#scenario-2-nobody-works-any-task): every wait on a human has a
  // deadline, so a journey nobody works still ends.
  it('nobody completes anything: every task is escalated once, then expires, and the journey ends at day 90', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    const summary = await handle.result();

    expect(summary.status).toBe('completed');
    // Timers fire on the server's clock; the workflow's own processing adds milliseconds.
    expect(Date.parse(summary.endedAt) - Date.parse(subscriber.activatedAt)).toBeWithin(90 * 86_400_000, 1_000);
    expect(summary.tasks.map((task) => [task.type, task.status, task.escalated])).toEqual([
      ['onboarding_coaching', 'expired', true],
      ['first_followup_call', 'expired', true],
      ['vas_telemarketing', 'expired', true],
    ]);
    expect(summary.slaBreaches).toHaveLength(3);
    const escalations = await harness.prisma.auditEvent.findMany({
      where: { subscriberId: subscriber.subscriberId, type: 'task_escalated' },
    });
    expect(escalations).toHaveLength(3);
    const rows = await harness.prisma.task.findMany({
      where: { subscriberId: subscriber.subscriberId },
      orderBy: { availableAt: 'asc' },
    });
    for (const row of rows) {
      expect(row.status).toBe('expired');
      // Escalated at the due time, expired 48 hours later (the schedule's overdue grace).
      expect(row.escalatedAt!.getTime() - row.dueAt.getTime()).toBeWithin(0, 1_000);
      expect(row.endedAt!.getTime() - row.dueAt.getTime()).toBeWithin(48 * 3_600_000, 1_000);
    }
  });

  // Scenario 3 (docs/journey.md#scenario-3-a-number-change): the checklist follows the subscriber.
  it('a number change (换号入网) brings number-change coaching; a port-in keeps its number and does not, unless the clerk adds it', async () => {
    const changed = await harness.startJourney(await harness.activation({ previousMsisdn: '13900001111' }));
    const portedIn = await harness.startJourney(await harness.activation({ portIn: true }));
    const coaching = await harness.task(changed, 'onboarding_coaching');
    expect(coaching.payload.checklist).toContain('number_change_coaching');
    expect(coaching.payload.checklist).not.toContain('tier_rights');
    const portInCoaching = await harness.task(portedIn, 'onboarding_coaching');
    expect(portInCoaching.payload.checklist).not.toContain('number_change_coaching');

    // At the counter the customer turns out to have replaced an old number: the clerk adds the item, done.
    const { checklist } = allDone(portInCoaching);
    const skipped = { ...checklist, number_change_coaching: { done: false as const, skippedReason: '不需要' } };
    const refusal = await harness
      .complete(portedIn, 'onboarding_coaching', staff.storeClerk, { checklist: skipped })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refusal as WorkflowUpdateFailedError).cause?.message).toMatch(
      /number_change_coaching: not on this subscriber's checklist; tick it done to add it/,
    );
    await harness.complete(portedIn, 'onboarding_coaching', staff.storeClerk, {
      checklist: { ...checklist, number_change_coaching: { done: true } },
    });
    const added = await harness.until(portedIn, (s) => s.timeline.some((e) => e.kind === 'checklist_items_added'));
    expect(added.timeline.find((e) => e.kind === 'checklist_items_added')?.detail).toEqual({
      items: ['number_change_coaching'],
    });
    await harness.complete(changed, 'onboarding_coaching', staff.storeClerk, allDone(coaching));
    await harness.leave(changed, portedIn);
  });

  // The supervisor's part: an escalated task goes to a named colleague, who alone may complete it.
  it('a supervisor reassigns an escalated follow-up call; only the new assignee completes it', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    await harness.advance(10); // past the follow-up's due day: escalated, open for the grace period
    const followup = await harness.until(handle, (state) =>
      state.tasks.some((task) => task.type === 'first_followup_call' && task.escalatedAt !== undefined),
    );
    const task = followup.tasks.find((candidate) => candidate.type === 'first_followup_call')!;
    const reassign = (actor: TaskActor, assignee: TaskActor) =>
      executeStaffUpdate(handle, reassignTask, { taskId: task.id, actor, assignee }).catch(
        (error: unknown) => (error as WorkflowUpdateFailedError).cause,
      );

    // Refused, nothing changed: not a supervisor, an assignee of another role.
    expect(await reassign(staff.followup, staff.followupWang)).toMatchObject({ type: 'WrongRole' });
    expect(await reassign(staff.supervisor, staff.telemarketing)).toMatchObject({
      type: 'InvalidAssignee',
      message: expect.stringMatching(/is for role followup/),
    });
    expect((await harness.state(handle)).tasks.find((t) => t.id === task.id)!.assigneeId).toBeUndefined();

    expect(await reassign(staff.supervisor, staff.followupWang)).toMatchObject({
      status: 'open',
      assigneeId: staff.followupWang.staffId,
      escalatedAt: task.escalatedAt,
      dueAt: task.dueAt,
    });
    expect(await reassign(staff.supervisor, staff.followupWang)).toMatchObject({ type: 'InvalidAssignee' });
    const row = await eventually(async () => {
      const saved = await harness.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
      expect(saved.assigneeId).toBe(staff.followupWang.staffId);
      return saved;
    });
    expect(row.status).toBe('open');

    const outcome = { result: 'reached' as const, issues: [] };
    const byZhang = await executeStaffUpdate(handle, completeTask, {
      taskId: task.id,
      actor: staff.followup,
      outcome,
    }).catch((error: unknown) => (error as WorkflowUpdateFailedError).cause);
    expect(byZhang).toMatchObject({ type: 'WrongAssignee' });
    const done = await executeStaffUpdate(handle, completeTask, {
      taskId: task.id,
      actor: staff.followupWang,
      outcome,
    });
    expect(done).toMatchObject({ status: 'completed', completedBy: staff.followupWang.staffId });
    const state = await harness.state(handle);
    expect(state.timeline.filter((entry) => entry.kind === 'task_reassigned')).toEqual([
      expect.objectContaining({
        detail: { taskId: task.id, from: null, to: staff.followupWang.staffId, by: staff.supervisor.staffId },
      }),
    ]);
    await harness.leave(handle);
  });

  // Scenario 11 (docs/journey.md#scenario-11-a-refused-completion-changes-nothing).
  describe('rejected updates leave the journey unchanged', () => {
    let handle: JourneyHandle;
    let coaching: JourneyTask;
    beforeAll(async () => {
      handle = await harness.startJourney(await harness.activation({ previousMsisdn: '13900002222' }));
      coaching = await harness.task(handle, 'onboarding_coaching');
    });
    afterAll(async () => {
      await harness.leave(handle);
    });

    async function expectRejected(
      taskId: string,
      actor: Parameters<typeof harness.complete>[2],
      outcome: unknown,
      type: string,
      message: RegExp,
    ) {
      const before = await harness.state(handle);
      const rowBefore = await harness.prisma.task.findUnique({ where: { id: taskId } });
      const error = await executeStaffUpdate(handle, completeTask, { taskId, actor, outcome: outcome as never }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((error as WorkflowUpdateFailedError).cause).toMatchObject({
        type,
        message: expect.stringMatching(message),
      });
      expect((await harness.state(handle)).tasks).toEqual(before.tasks);
      expect(await harness.prisma.task.findUnique({ where: { id: taskId } })).toEqual(rowBefore);
    }

    it('refuses another role', async () => {
      await expectRejected(
        coaching.id,
        staff.followup,
        allDone(coaching),
        'WrongRole',
        /is for role store, not followup/,
      );
    });

    it('refuses a clerk of another store', async () => {
      await expectRejected(
        coaching.id,
        staff.otherStoreClerk,
        allDone(coaching),
        'WrongStore',
        /belongs to store JN001/,
      );
    });

    it('refuses an outcome that does not fit the task', async () => {
      await expectRejected(coaching.id, staff.storeClerk, { result: 'reached' }, 'InvalidOutcome', /checklist/);
    });

    it('refuses a checklist with an item missing, and a skip without a reason', async () => {
      const { checklist } = allDone(coaching);
      const { number_change_coaching: _omitted, ...missing } = checklist;
      await expectRejected(
        coaching.id,
        staff.storeClerk,
        { checklist: missing },
        'InvalidOutcome',
        /number_change_coaching: must be ticked/,
      );
      const unexplained = { ...checklist, internet_setup: { done: false, skippedReason: ' ' } };
      await expectRejected(
        coaching.id,
        staff.storeClerk,
        { checklist: unexplained },
        'InvalidOutcome',
        /a skipped item needs a reason/,
      );
    });

    it('refuses an unknown task', async () => {
      await expectRejected(
        `${coaching.id}-nope`,
        staff.storeClerk,
        allDone(coaching),
        'UnknownTask',
        /is not part of this journey/,
      );
    });

    it('refuses a task that has already ended', async () => {
      const outcome = allDone(coaching);
      outcome.checklist.club_recommendation = { done: false, skippedReason: '客户赶时间' };
      const done = await executeStaffUpdate(handle, completeTask, {
        taskId: coaching.id,
        actor: staff.storeClerk,
        outcome,
      });
      expect(done).toMatchObject({ status: 'completed', completedBy: staff.storeClerk.staffId });
      // The journey writes the inbox row after it answers the update.
      await eventually(async () =>
        expect(await harness.prisma.task.findUnique({ where: { id: coaching.id } })).toMatchObject({
          status: 'completed',
        }),
      );
      await expectRejected(coaching.id, staff.storeClerk, outcome, 'TaskEnded', /has already ended \(completed\)/);
    });
  });
});
