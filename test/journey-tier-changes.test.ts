import { paymentMade, tierChanged, vipRated } from '../workflows/messages';
import { allDone, JourneyHarness, staff } from './support/journey-harness';

const DAY = 86_400_000;

// A tier moves up and down over the 90 days, between and during the moments that depend on it
// (docs/journey.md#tier-changes-over-the-journey): every moment re-checks the tier and the manager
// when it acts, so no order of events leaves a journey unable to go on.
describe('tier changes over the journey', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  afterAll(() => harness?.stop());

  const kinds = (state: { timeline: { kind: string }[] }) => state.timeline.map((entry) => entry.kind);

  it('gold rated on day 2, standard on day 5: no VIP payment reminder, and the journey goes on to its end', async () => {
    const subscriber = await harness.postpaid(25);
    const handle = await harness.startJourney(subscriber);
    await harness.advance(2);
    await handle.signal(vipRated, { tier: 'gold' });
    await harness.task(handle, 'vip_first_call');
    await harness.advance(3);
    await handle.signal(tierChanged, { tier: 'standard' });
    await harness.task(handle, 'vip_first_call', 'cancelled');

    await harness.advance(18); // day 23: past the reminder's day 20
    const state = await harness.until(handle, (s) =>
      s.timeline.some((entry) => entry.kind === 'payment_coaching_skipped'),
    );
    expect(state.timeline.find((entry) => entry.kind === 'payment_coaching_skipped')?.detail).toEqual({
      reason: 'tier standard below gold when the reminder fell due',
    });
    expect(state.sms.map((sms) => sms.template)).not.toContain('payment_reminder');
    expect(state.tasks.map((task) => task.type)).not.toContain('payment_reminder_call');
    expect(await harness.failedWorkflowTasks(handle)).toEqual([]);

    // The rest of the journey still happens: telemarketing on day 30, the end at day 90.
    await harness.advance(8);
    await harness.task(handle, 'vas_telemarketing');
    const summary = await handle.result();
    expect(summary.status).toBe('completed');
    expect(summary.momentsReached).toContain('service_recommendation');
    expect(await harness.failedWorkflowTasks(handle)).toEqual([]);
  });

  it('gold down to silver before the reminder: silver is below gold, so no reminder; the manager stays', async () => {
    const subscriber = await harness.postpaid(25);
    const handle = await harness.startJourney(subscriber);
    await harness.advance(2);
    await handle.signal(vipRated, { tier: 'gold' });
    await harness.task(handle, 'vip_first_call');
    await handle.signal(tierChanged, { tier: 'silver' });
    await harness.advance(20);
    const state = await harness.until(handle, (s) =>
      s.timeline.some((entry) => entry.kind === 'payment_coaching_skipped'),
    );
    expect(state.sms.map((sms) => sms.template)).not.toContain('payment_reminder');
    expect(state.accountManager?.staffId).toBe(staff.managerLi.staffId);
    // Still a VIP: the manager's call was not cancelled (nobody made it, so it lapsed on its own).
    expect(state.tasks.find((task) => task.type === 'vip_first_call')?.status).toBe('expired');
    await harness.leave(handle);
  });

  it('downgraded and re-rated: a manager again within 3 days of the new rating, a new first call, and the payment reminder to that manager', async () => {
    const subscriber = await harness.postpaid(25);
    const handle = await harness.startJourney(subscriber);
    await harness.complete(
      handle,
      'onboarding_coaching',
      staff.storeClerk,
      allDone(await harness.task(handle, 'onboarding_coaching')),
    );
    await harness.advance(2);
    await handle.signal(vipRated, { tier: 'gold' });
    await harness.task(handle, 'vip_first_call');
    await harness.advance(3);
    await handle.signal(tierChanged, { tier: 'standard' });
    await harness.task(handle, 'vip_first_call', 'cancelled');
    await harness.until(handle, (s) => s.accountManager === undefined);

    await harness.advance(3); // day 8
    const reratedAt = await harness.env.currentTimeMs();
    await handle.signal(tierChanged, { tier: 'platinum' });
    const assigned = await harness.until(handle, (s) => s.accountManager !== undefined);
    expect(Date.parse(assigned.accountManager!.assignedAt) - reratedAt).toBeLessThan(3 * DAY);
    const assignments = await harness.prisma.vipAssignment.findMany({
      where: { subscriberId: subscriber.subscriberId },
      orderBy: { assignedAt: 'asc' },
    });
    expect(assignments).toHaveLength(2);
    expect(assignments[0]!.endedAt).not.toBeNull();
    expect(assignments[1]).toMatchObject({ tier: 'platinum', endedAt: null });

    const secondCall = await harness.task(handle, 'vip_first_call');
    expect(secondCall.id).not.toBe(assigned.tasks.find((task) => task.status === 'cancelled')?.id);
    expect(secondCall).toMatchObject({
      assigneeId: assigned.accountManager!.staffId,
      payload: { tierRights: 'platinum' },
    });

    await harness.advance(12); // day 20: the reminder, to the manager of today
    const reminder = await harness.task(handle, 'payment_reminder_call');
    expect(reminder.assigneeId).toBe(assigned.accountManager!.staffId);
    expect((await harness.state(handle)).sms.map((sms) => sms.template)).toContain('payment_reminder');
    await handle.signal(paymentMade, { at: new Date(await harness.env.currentTimeMs()).toISOString() });
    await harness.task(handle, 'payment_reminder_call', 'cancelled');
    expect(kinds(await harness.state(handle)).filter((kind) => kind === 'account_manager_assigned')).toHaveLength(2);
    expect(await harness.failedWorkflowTasks(handle)).toEqual([]);
    await harness.leave(handle);
  });
});
