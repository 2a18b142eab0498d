import {
  dndChanged,
  inboundSms,
  networkTicketResolved,
  tierChanged,
  usageReported,
  vipRated,
} from '../workflows/messages';
import { allDone, eventually, JourneyHarness, staff } from './support/journey-harness';

// Rules of the operator's plan that reach a person or a report, on whole journeys under time
// skipping (docs/plan.md maps each rule to its code and test).
describe("the plan's rules on whole journeys", () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  afterAll(() => harness?.stop());

  it('a subscriber rated diamond after activation becomes do-not-disturb: no telemarketing call opens', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    await harness.advance(5);
    await handle.signal(vipRated, { tier: 'diamond' });
    const state = await harness.until(handle, (s) => s.dnd);
    expect(state.timeline.find((entry) => entry.kind === 'dnd_changed')?.detail).toEqual({
      on: true,
      reason: 'diamond customers are do-not-disturb by default',
    });
    await harness.advance(26);
    const later = await harness.until(handle, (s) => s.moment === 'service_recommendation');
    expect(later.tasks.map((task) => task.type)).not.toContain('vas_telemarketing');
    expect(later.timeline.some((entry) => entry.kind === 'telemarketing_skipped')).toBe(true);
    // The manager's VIP service is not marketing: it still comes.
    await harness.task(handle, 'vip_service_recommendation');
    await harness.leave(handle);
  });

  it('leaving diamond drops the default DND; a customer who asked for DND, at activation or since, keeps it', async () => {
    const byDefault = await harness.startJourney(await harness.activation({ tier: 'diamond' }));
    const asked = await harness.startJourney(await harness.activation({ tier: 'diamond', dnd: true }));
    // Asked through the BSS and by replying TD while the default already held (events are handled in order).
    const askedSince = await harness.startJourney(await harness.activation({ tier: 'diamond' }));
    const repliedTd = await harness.startJourney(await harness.activation({ tier: 'diamond' }));
    await askedSince.signal(dndChanged, { on: true });
    await repliedTd.signal(inboundSms, { messageId: 'td-while-diamond', text: 'TD' });
    const handles = [byDefault, asked, askedSince, repliedTd];
    for (const handle of handles) await handle.signal(tierChanged, { tier: 'gold' });
    await harness.until(byDefault, (s) => s.tier === 'gold' && !s.dnd);
    for (const handle of [asked, askedSince, repliedTd]) {
      const kept = await harness.until(handle, (s) => s.tier === 'gold');
      expect(kept.dnd).toBe(true);
    }
    for (const handle of handles) await harness.leave(handle);
  });

  it('a VIP dropping to standard, or leaving, gives the account manager their place back', async () => {
    const dropping = await harness.activation();
    const leaving = await harness.activation();
    const handles = await Promise.all([dropping, leaving].map((subscriber) => harness.startJourney(subscriber)));
    for (const handle of handles) await handle.signal(vipRated, { tier: 'gold' });
    for (const handle of handles) await harness.task(handle, 'vip_first_call');
    const active = () =>
      harness.prisma.vipAssignment.count({
        where: { subscriberId: { in: [dropping.subscriberId, leaving.subscriberId] }, endedAt: null },
      });
    expect(await active()).toBe(2);

    await handles[0]!.signal(tierChanged, { tier: 'standard' });
    const dropped = await harness.until(handles[0]!, (s) => s.tier === 'standard' && !s.accountManager);
    expect(dropped.tasks.find((task) => task.type === 'vip_first_call')).toMatchObject({
      status: 'cancelled',
      endReason: 'no longer VIP',
    });
    await harness.leave(handles[1]!);
    await eventually(async () => expect(await active()).toBe(0));
    await harness.leave(handles[0]!);
  });

  it('a VIP rated after day 60 still gets the plan-fit consultation before day 90', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    // Voice-heavy months on A66 (50 min): 600 min costs 66 + 550 × 0.15 = 148.50 a month.
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 600, dataMB: 50, sms: 5 });
    await harness.advance(70);
    expect((await harness.state(handle)).timeline.map((entry) => entry.kind)).not.toContain('plan_fit_skipped');
    await handle.signal(vipRated, { tier: 'gold' });
    const consultation = await harness.task(handle, 'plan_fit_consultation');
    expect(Date.parse(consultation.dueAt)).toBe(Date.parse(subscriber.activatedAt) + 90 * 86_400_000);
    await harness.leave(handle);
  });

  it('an unanswered signal problem is escalated to the supervisor after 7 days; an answered one is not', async () => {
    const unanswered = await harness.startJourney(await harness.activation());
    const answered = await harness.startJourney(await harness.activation());
    for (const handle of [unanswered, answered]) {
      await harness.complete(
        handle,
        'onboarding_coaching',
        staff.storeClerk,
        allDone(await harness.task(handle, 'onboarding_coaching')),
      );
    }
    await harness.advance(4);
    for (const handle of [unanswered, answered]) {
      await harness.complete(handle, 'first_followup_call', staff.followup, {
        result: 'reached',
        issues: [{ category: 'signal', address: '历下区泉城路1号地下室', description: '地下室无信号' }],
      });
    }
    const [ticket] = (await harness.until(answered, (s) => s.networkTickets.length === 1)).networkTickets;
    await harness.until(unanswered, (s) => s.networkTickets.length === 1);
    await answered.signal(networkTicketResolved, { ticketId: ticket!.ticketId });
    await harness.advance(8);
    const escalated = await harness.until(unanswered, (s) => s.networkTickets[0]!.escalatedAt !== undefined);
    expect(escalated.networkTickets[0]).toMatchObject({ status: 'open', dueAt: expect.any(String) });
    expect((await harness.state(answered)).networkTickets[0]).toMatchObject({ status: 'resolved' });
    expect((await harness.state(answered)).networkTickets[0]!.escalatedAt).toBeUndefined();
    const audit = await harness.prisma.auditEvent.count({ where: { type: 'network_ticket_escalated' } });
    expect(audit).toBe(1);
    for (const handle of [unanswered, answered]) await harness.leave(handle);
  });

  it('a journey started more than 2 hours after activation records the late activation SMS', async () => {
    const subscriber = await harness.activation();
    const late = {
      ...subscriber,
      activatedAt: new Date(Date.parse(subscriber.activatedAt) - 3 * 3_600_000).toISOString(),
    };
    const handle = await harness.startJourney(late);
    const state = await harness.until(handle, (s) => s.sms.length === 2);
    expect(state.timeline.find((entry) => entry.kind === 'sla_breached')?.detail).toMatchObject({
      sla: 'activation_sms',
      limitHours: 2,
    });
    await harness.leave(handle);
  });
});
