import { planChanged } from '../workflows/messages';
import { ActivityFailure, ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import { JourneyHarness } from './support/journey-harness';

// Bad data fails at once and says why; a shortage of staff is waited out and escalated.
describe('failures: bad data and nobody free', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  afterAll(() => harness?.stop());

  it('an unknown plan code at activation fails the journey at once, naming the code, with no retry', async () => {
    const handle = await harness.startJourney(await harness.activation({ planCode: 'X99' }));
    const error = await handle.result().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const activity = (error as WorkflowFailedError).cause;
    expect(activity).toBeInstanceOf(ActivityFailure);
    expect(activity?.cause).toBeInstanceOf(ApplicationFailure);
    expect(activity?.cause).toMatchObject({ type: 'UnknownPlan', message: 'unknown plan code X99' });
    const history = await handle.fetchHistory();
    const starts = history.events!.filter((event) => event.activityTaskStartedEventAttributes);
    expect(starts.map((event) => event.activityTaskStartedEventAttributes!.attempt)).toEqual([1]);
  });

  it('a plan change to an unknown code is refused and recorded; the journey keeps its plan and goes on', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    await handle.signal(planChanged, { planCode: 'X99' });
    const state = await harness.until(handle, (s) => s.timeline.some((entry) => entry.kind === 'plan_change_refused'));
    expect(state).toMatchObject({ status: 'running', plan: { code: 'A66' } });
    await handle.signal(planChanged, { planCode: 'B96' });
    await harness.until(handle, (s) => s.plan?.code === 'B96');
    await harness.leave(handle);
  });

  it('no account manager free: retried, escalated to the supervisor once past the 3-day SLA, assigned when one frees up', async () => {
    const managers = await harness.prisma.staff.findMany({ where: { role: 'account_manager' } });
    await harness.prisma.staff.updateMany({ where: { role: 'account_manager' }, data: { capacity: 0 } });
    const subscriber = await harness.activation({ tier: 'gold' });
    const handle = await harness.startJourney(subscriber);

    await harness.advance(4);
    const waiting = await harness.state(handle);
    expect(waiting.accountManager).toBeUndefined();
    const kinds = waiting.timeline.map((entry) => entry.kind);
    expect(kinds.filter((kind) => kind === 'account_manager_unavailable').length).toBeGreaterThan(1);
    expect(kinds.filter((kind) => kind === 'assignment_escalated')).toHaveLength(1);
    const escalations = await harness.prisma.auditEvent.findMany({
      where: { subscriberId: subscriber.subscriberId, type: 'assignment_escalated' },
    });
    expect(escalations).toHaveLength(1);

    for (const manager of managers) {
      await harness.prisma.staff.update({ where: { id: manager.id }, data: { capacity: manager.capacity } });
    }
    await harness.advance(1);
    const assigned = await harness.until(handle, (state) => state.accountManager !== undefined);
    expect(assigned.accountManager?.staffId).toBe('S-AM-JN-LI');
    const note = assigned.timeline.find((entry) => entry.kind === 'account_manager_assigned');
    expect(note?.detail).toMatchObject({ withinSla: false });
    expect(assigned.timeline.filter((entry) => entry.kind === 'assignment_escalated')).toHaveLength(1);
    await harness.leave(handle);
  });
});
