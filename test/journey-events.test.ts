import {
  hotlineAbnormalHangup,
  networkTicketResolved,
  planChanged,
  subscriberLeft,
  usageReported,
} from '../workflows/messages';
import { eventually, JourneyHarness, staff } from './support/journey-harness';

describe('business events', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  afterAll(() => harness?.stop());

  // Scenario 8 (docs/journey.md#scenario-8-the-subscriber-leaves-on-day-45).
  it('subscriber leaves on day 45: open tasks are cancelled and the journey ends cancelled', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    await harness.advance(45);
    await harness.task(handle, 'vas_telemarketing');
    await handle.signal(subscriberLeft, { reason: '携号转网' });
    const summary = await handle.result();
    expect(summary).toMatchObject({ status: 'cancelled', endReason: 'subscriber left: 携号转网' });
    expect(summary.tasks.find((task) => task.type === 'vas_telemarketing')?.status).toBe('cancelled');
    expect(summary.momentsReached.at(-1)).toBe('cancelled');
    expect(summary.momentsReached).not.toContain('plan_fit');
    const journey = await harness.prisma.journey.findUniqueOrThrow({
      where: { subscriberId: subscriber.subscriberId },
    });
    expect(journey.status).toBe('cancelled');
    const row = await harness.prisma.task.findFirstOrThrow({
      where: { subscriberId: subscriber.subscriberId, type: 'vas_telemarketing' },
    });
    expect(row).toMatchObject({ status: 'cancelled', endReason: 'subscriber left: 携号转网' });
  });

  // Scenario 9 (docs/journey.md#scenario-9-a-signal-problem-and-an-open-question).
  it('a follow-up reports a signal problem and an open question: a network ticket and a callback task', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    await harness.advance(4);
    const now = await harness.env.currentTimeMs();
    const replyBy = new Date(now + 2 * 86_400_000).toISOString();
    await harness.complete(handle, 'first_followup_call', staff.followup, {
      result: 'reached',
      issues: [
        { category: 'signal', address: '济南市历下区解放路22号地下室', description: '室内无3G信号' },
        { category: 'other', question: '能否开通国际漫游？', replyBy },
        { category: 'billing', handling: '已讲解账单项目并告知网上营业厅查询' },
      ],
    });

    const callback = await harness.task(handle, 'callback');
    expect(callback).toMatchObject({ role: 'followup', dueAt: replyBy, payload: { question: '能否开通国际漫游？' } });
    // The ticket is opened beside the callback task, so it may land a moment later.
    const ticket = await eventually(() =>
      harness.prisma.networkTicket.findFirstOrThrow({ where: { subscriberId: subscriber.subscriberId } }),
    );
    expect(ticket).toMatchObject({ status: 'open', address: '济南市历下区解放路22号地下室' });
    const withTicket = await harness.until(handle, (state) => state.networkTickets[0]?.taskId !== undefined);
    expect(withTicket.networkTickets).toEqual([
      { ticketId: ticket.id, status: 'open', dueAt: expect.any(String), taskId: expect.any(String) },
    ]);

    await harness.complete(handle, 'callback', staff.followup, { result: 'answered', answer: '已开通，出境自动漫游' });
    await handle.signal(networkTicketResolved, { ticketId: ticket.id });
    await harness.until(handle, (state) => state.networkTickets[0]?.status === 'resolved');
    await eventually(async () =>
      expect(await harness.prisma.networkTicket.findUniqueOrThrow({ where: { id: ticket.id } })).toMatchObject({
        status: 'resolved',
      }),
    );

    await harness.leave(handle);
  });

  it('a follow-up reports a tariff question and an offer not yet launched: plan fit analysed, interest recorded', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    // 250 min and 60 MB on A66 cost 96.00; B66 (same level, another family) costs 73.50.
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 250, dataMB: 60, sms: 5 });
    await harness.advance(4);
    await harness.complete(handle, 'first_followup_call', staff.followup, {
      result: 'reached',
      issues: [
        { category: 'tariff', handling: '讲解套餐内免费项目', recommendBetterPlan: true },
        { category: 'promotion', handling: '已记录，活动上线后通知', offerLaunched: false },
      ],
    });

    const state = await harness.until(handle, (s) =>
      ['tariff_plan_fit', 'promotion_interest_recorded'].every((kind) => s.timeline.some((e) => e.kind === kind)),
    );
    expect(state.timeline.find((entry) => entry.kind === 'tariff_plan_fit')!.detail).toEqual({
      result: 'recommend',
      reason: expect.stringContaining('B66'),
    });
    const interest = await harness.prisma.auditEvent.findFirstOrThrow({
      where: { subscriberId: subscriber.subscriberId, type: 'promotion_interest' },
    });
    expect(interest.data).toMatchObject({ handling: '已记录，活动上线后通知', notifyWhenLaunched: true });
    await harness.leave(handle);
  });

  it('a follow-up not reached twice stays open; the third attempt ends it', async () => {
    const handle = await harness.startJourney(await harness.activation());
    await harness.advance(4);
    const first = await harness.complete(handle, 'first_followup_call', staff.followup, {
      result: 'not_reached',
      note: '无人接听',
    });
    expect(first).toMatchObject({ status: 'open', attempts: [expect.objectContaining({ note: '无人接听' })] });
    await harness.advance(1);
    expect(
      await harness.complete(handle, 'first_followup_call', staff.followup, { result: 'not_reached' }),
    ).toMatchObject({ status: 'open' });
    const third = await harness.complete(handle, 'first_followup_call', staff.followup, { result: 'not_reached' });
    expect(third).toMatchObject({ status: 'completed', outcome: { result: 'not_reached' } });
    expect(third.attempts).toHaveLength(3);
    await harness.leave(handle);
  });

  it('telemarketing told "do not disturb": DND for the rest of the journey', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    await harness.advance(30);
    await harness.complete(handle, 'vas_telemarketing', staff.telemarketing, { result: 'do_not_disturb' });
    const state = await harness.until(handle, (s) => s.dnd);
    expect(state.timeline.find((entry) => entry.kind === 'dnd_changed')?.detail).toEqual({
      on: true,
      reason: 'customer asked not to be disturbed',
    });
    await eventually(async () =>
      expect((await harness.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriber.subscriberId } })).dnd).toBe(
        true,
      ),
    );
    await harness.leave(handle);
  });

  it('a VIP hotline hang-up opens a callback due within 2 hours; a standard subscriber’s does not', async () => {
    const vip = await harness.startJourney(await harness.activation({ tier: 'gold' }));
    const at = new Date(await harness.env.currentTimeMs()).toISOString();
    await vip.signal(hotlineAbnormalHangup, { at });
    await vip.signal(hotlineAbnormalHangup, { at }); // a retried event opens no second task
    const callback = await harness.task(vip, 'hotline_callback');
    expect(callback).toMatchObject({ role: 'hotline' });
    expect(Date.parse(callback.dueAt) - Date.parse(at)).toBe(2 * 3_600_000);
    await harness.complete(vip, 'hotline_callback', staff.hotline, { result: 'reached' });
    expect((await harness.state(vip)).tasks.filter((task) => task.type === 'hotline_callback')).toHaveLength(1);

    const standard = await harness.startJourney(await harness.activation());
    await standard.signal(hotlineAbnormalHangup, { at });
    const state = await harness.until(standard, (s) =>
      s.timeline.some((entry) => entry.kind === 'hotline_hangup_ignored'),
    );
    expect(state.tasks.some((task) => task.type === 'hotline_callback')).toBe(false);
    for (const handle of [vip, standard]) await handle.signal(subscriberLeft, { reason: 'test over' });
    await Promise.all([vip.result(), standard.result()]);
  });

  it('a plan change and usage reports update the journey and the database', async () => {
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    await handle.signal(planChanged, { planCode: 'B96' });
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 120, dataMB: 40, sms: 3 });
    const state = await harness.until(handle, (s) => s.plan?.code === 'B96' && s.usage.length === 1);
    expect(state.plan).toMatchObject({ code: 'B96', monthlyFee: 96 });
    await eventually(async () => {
      expect(
        (await harness.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriber.subscriberId } })).planCode,
      ).toBe('B96');
      expect(
        await harness.prisma.usageRecord.findMany({ where: { subscriberId: subscriber.subscriberId } }),
      ).toHaveLength(1);
    });
    await harness.leave(handle);
  });
});
