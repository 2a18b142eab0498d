import type { TaskPayloads } from '../workflows/tasks';
import { hotlineAbnormalHangup, paymentMade, usageReported, vipRated } from '../workflows/messages';
import { allDone, JourneyHarness, staff } from './support/journey-harness';

const DAY = 86_400_000;

describe('VIP journeys', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  afterAll(() => harness?.stop());

  // Scenario 4 (docs/journey.md#scenario-4-gold-postpaid-rated-on-day-2).
  it('gold postpaid rated on day 2: manager within 3 days, first call instead of the follow-up, payment reminder, recommendations, plan fit', async () => {
    const subscriber = await harness.postpaid(25);
    const handle = await harness.startJourney(subscriber);
    const started = Date.parse(subscriber.activatedAt);
    await harness.complete(
      handle,
      'onboarding_coaching',
      staff.storeClerk,
      allDone(await harness.task(handle, 'onboarding_coaching')),
    );

    await harness.advance(2);
    await handle.signal(vipRated, { tier: 'gold' });
    const firstCall = await harness.task(handle, 'vip_first_call');
    const assignment = await harness.prisma.vipAssignment.findFirstOrThrow({
      where: { subscriberId: subscriber.subscriberId },
    });
    // Same store preferred: 李明 (JN001) serves the JN001 subscriber.
    expect(assignment).toMatchObject({ managerId: staff.managerLi.staffId, tier: 'gold', endedAt: null });
    expect(assignment.assignedAt.getTime() - started).toBeLessThan(3 * DAY);
    expect(firstCall).toMatchObject({
      role: 'account_manager',
      assigneeId: staff.managerLi.staffId,
      payload: { deeperFollowup: false, tierRights: 'gold' },
    });
    expect(Date.parse(firstCall.dueAt) - assignment.assignedAt.getTime()).toBeWithin(7 * DAY, 1_000);
    // Engineers find the journey in the Web UI by masked number, tier, moment and store, kept current
    // (beside the SDK's own TemporalChangeVersion, which names the patches the journey went through).
    expect((await handle.describe()).searchAttributes).toMatchObject({
      SubscriberMsisdnMasked: [`${subscriber.msisdn.slice(0, 3)}****${subscriber.msisdn.slice(7)}`],
      JourneyTier: ['gold'],
      JourneyMoment: ['onboarding_coaching'],
      JourneyStoreId: ['JN001'],
    });
    await harness.complete(handle, 'vip_first_call', staff.managerLi, { result: 'reached', tierRightsExplained: true });

    // Voice-heavy months on A66 (50 min): 600 min costs 66 + 550 × 0.15 = 148.50 a month.
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 600, dataMB: 50, sms: 5 });
    await handle.signal(usageReported, { month: '2027-01', voiceMinutes: 600, dataMB: 50, sms: 5 });

    await harness.advance(2);
    const noFollowup = await harness.state(handle);
    expect(noFollowup.tasks.some((task) => task.type === 'first_followup_call')).toBe(false);
    expect(noFollowup.timeline.some((entry) => entry.kind === 'first_followup_by_account_manager')).toBe(true);

    // Payment coaching opens five days before the due date (day 20): SMS and the manager's call, due a day before.
    await harness.advance(16);
    const reminder = await harness.task(handle, 'payment_reminder_call');
    expect(Date.parse(reminder.dueAt) - started).toBeWithin(24 * DAY, 1_000);
    expect(reminder.assigneeId).toBe(staff.managerLi.staffId);
    await harness.complete(handle, 'payment_reminder_call', staff.managerLi, { result: 'reached' });

    await harness.advance(10);
    const vipRecommendation = await harness.task(handle, 'vip_service_recommendation');
    // The plan's 3G特色服务: 3–5 tiered services of the customer's tier, not value-added add-ons.
    const tiered = (vipRecommendation.payload as unknown as TaskPayloads['vip_service_recommendation']).tieredServices!;
    expect(tiered.length).toBeGreaterThanOrEqual(3);
    expect(tiered.length).toBeLessThanOrEqual(5);
    await harness.complete(handle, 'vip_service_recommendation', staff.managerLi, {
      result: 'reached',
      accepted: [],
      clubInvitationAccepted: true,
    });
    await harness.complete(handle, 'vas_telemarketing', staff.telemarketing, { result: 'declined' });

    await harness.advance(30);
    const planFit = await harness.task(handle, 'plan_fit_consultation');
    // Candidates: level 2 of families B/C, or level 3. B96 costs 96 + (600 − 450) × 0.15 = 118.50: 30.00 less.
    expect(planFit.payload.planFit).toMatchObject({
      kind: 'recommend',
      recommended: { code: 'B96' },
      currentAverageCost: 148.5,
      recommendedAverageCost: 118.5,
      expectedMonthlySaving: 30,
    });
    await harness.complete(handle, 'plan_fit_consultation', staff.managerLi, { result: 'accepted' });

    const summary = await handle.result();
    // Telemarketing and the VIP recommendation open together at day 30, in either order.
    expect(summary.tasks.map((task) => [task.type, task.status]).sort()).toEqual([
      ['onboarding_coaching', 'completed'],
      ['payment_reminder_call', 'completed'],
      ['plan_fit_consultation', 'completed'],
      ['vas_telemarketing', 'completed'],
      ['vip_first_call', 'completed'],
      ['vip_service_recommendation', 'completed'],
    ]);
    const sms = await harness.prisma.smsMessage.findMany({
      where: { subscriberId: subscriber.subscriberId },
      orderBy: { createdAt: 'asc' },
    });
    expect(sms.map((message) => message.template)).toEqual([
      'welcome',
      'help_menu',
      'payment_reminder',
      'marketing_vas',
    ]);
    expect(summary.momentsReached).toContain('payment_coaching');
  });

  it('gold postpaid rated on day 2, nobody completes anything: reminder SMS still sent, plan fit still analysed', async () => {
    const subscriber = await harness.postpaid(25);
    const handle = await harness.startJourney(subscriber);
    await harness.advance(2);
    await handle.signal(vipRated, { tier: 'gold' });
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 600, dataMB: 50, sms: 5 });
    await handle.signal(hotlineAbnormalHangup, { at: new Date(await harness.env.currentTimeMs()).toISOString() });
    const summary = await handle.result();
    expect(summary.tasks.map((task) => [task.type, task.status]).sort()).toEqual([
      ['hotline_callback', 'expired'],
      ['onboarding_coaching', 'expired'],
      ['payment_reminder_call', 'expired'],
      ['plan_fit_consultation', 'expired'],
      ['vas_telemarketing', 'expired'],
      ['vip_first_call', 'expired'],
      ['vip_service_recommendation', 'expired'],
    ]);
    expect(summary.slaBreaches).toHaveLength(7);
    expect((await harness.state(handle)).sms.map((sms) => sms.template)).toContain('payment_reminder');
  });

  // Scenario 5 (docs/journey.md#scenario-5-rated-vip-on-day-12).
  it('rated on day 12: the regular follow-up happened, then the manager makes a deeper follow-up', async () => {
    const handle = await harness.startJourney(await harness.activation());
    await harness.advance(4);
    await harness.complete(handle, 'first_followup_call', staff.followup, { result: 'reached', issues: [] });
    await harness.advance(8);
    await handle.signal(vipRated, { tier: 'silver' });
    const deeper = await harness.task(handle, 'vip_first_call');
    expect(deeper.payload).toMatchObject({ deeperFollowup: true, tierRights: 'silver' });
    const state = await harness.state(handle);
    expect(state.tasks.find((task) => task.type === 'first_followup_call')?.status).toBe('completed');
    await harness.leave(handle);
  });

  it('rated after day 10 while the regular follow-up is still open: it stays first, then the manager’s deeper follow-up', async () => {
    const handle = await harness.startJourney(await harness.activation());
    await harness.advance(10.5); // the follow-up call is overdue (due day 10) and still open
    await handle.signal(vipRated, { tier: 'gold' });
    await harness.until(handle, (s) => s.accountManager !== undefined);
    const waiting = await harness.state(handle);
    expect(waiting.tasks.find((task) => task.type === 'first_followup_call')?.status).toBe('open');
    expect(waiting.tasks.some((task) => task.type === 'vip_first_call')).toBe(false);
    expect(waiting.timeline.some((entry) => entry.kind === 'regular_followup_kept')).toBe(true);
    await harness.complete(handle, 'first_followup_call', staff.followup, { result: 'reached', issues: [] });
    const deeper = await harness.task(handle, 'vip_first_call');
    expect(deeper.payload).toMatchObject({ deeperFollowup: true, tierRights: 'gold' });
    await harness.leave(handle);
  });

  it('rated while the regular follow-up is open: it is superseded by the manager’s first call', async () => {
    const handle = await harness.startJourney(await harness.activation());
    await harness.advance(5);
    await harness.task(handle, 'first_followup_call');
    await handle.signal(vipRated, { tier: 'gold' });
    const superseded = await harness.task(handle, 'first_followup_call', 'superseded');
    expect(superseded.endReason).toMatch(/became VIP/);
    await harness.task(handle, 'vip_first_call');
    await harness.leave(handle);
  });

  // Scenario 6 (docs/journey.md#scenario-6-diamond).
  it('diamond: DND by default, no telemarketing and no marketing SMS, service SMS still sent', async () => {
    const subscriber = await harness.activation({ tier: 'diamond' });
    const handle = await harness.startJourney(subscriber);
    const coaching = await harness.task(handle, 'onboarding_coaching');
    expect(coaching.payload.checklist).toContain('tier_rights');
    expect((await harness.state(handle)).dnd).toBe(true);

    const summary = await handle.result();
    expect(summary.tasks.map((task) => task.type)).not.toContain('vas_telemarketing');
    expect(summary.tasks.map((task) => task.type)).toContain('vip_service_recommendation');
    const sms = await harness.prisma.smsMessage.findMany({ where: { subscriberId: subscriber.subscriberId } });
    expect(sms.map((message) => [message.template, message.category]).sort()).toEqual([
      ['help_menu', 'service'],
      ['welcome', 'service'],
    ]);
    const subscriberRow = await harness.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriber.subscriberId } });
    expect(subscriberRow.dnd).toBe(true);
  });

  // Scenario 7 (docs/journey.md#scenario-7-payment-before-the-reminder).
  it('payment made before the reminder: no reminder SMS, no reminder call', async () => {
    const subscriber = await harness.postpaid(25, { tier: 'gold' });
    const handle = await harness.startJourney(subscriber);
    await harness.advance(10);
    await handle.signal(paymentMade, { at: new Date(await harness.env.currentTimeMs()).toISOString() });
    await harness.until(handle, (s) => s.timeline.some((entry) => entry.kind === 'payment_coaching_skipped'));
    await harness.advance(17); // day 27: past the reminder (day 20) and the due date (day 25)
    const state = await harness.state(handle);
    expect(state.timeline.find((entry) => entry.kind === 'payment_coaching_skipped')?.detail).toEqual({
      reason: 'paid before the reminder',
    });
    expect(state.tasks.some((task) => task.type === 'payment_reminder_call')).toBe(false);
    expect(state.sms.some((sms) => sms.template === 'payment_reminder')).toBe(false);
    await harness.leave(handle);
  });

  it('rated gold after the first payment was due: payment coaching skipped, with the reason', async () => {
    const subscriber = await harness.postpaid(8);
    const handle = await harness.startJourney(subscriber);
    await harness.advance(9);
    await handle.signal(vipRated, { tier: 'gold' });
    await harness.task(handle, 'vip_first_call');
    const state = await harness.until(handle, (s) => s.timeline.some((e) => e.kind === 'payment_coaching_skipped'));
    expect(state.timeline.find((entry) => entry.kind === 'payment_coaching_skipped')?.detail).toEqual({
      reason: 'tier reached after the first payment due date',
    });
    expect(state.tasks.some((task) => task.type === 'payment_reminder_call')).toBe(false);
    expect(state.sms.some((sms) => sms.template === 'payment_reminder')).toBe(false);
    await harness.leave(handle);
  });
});
