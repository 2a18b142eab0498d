import { inboundSms, usageReported, vipRated } from '../workflows/messages';
import { launchPromiseWorkflowId } from '../workflows/state';
import type { TaskPayloads } from '../workflows/tasks';
import { allDone, eventually, JourneyHarness, staff, type JourneyHandle } from './support/journey-harness';

// The plan's substance on whole journeys under time skipping: the club's work order, what the
// follow-up call may change, replies to marketing SMS, the VIP's tiered services and plan fit's
// large overage (docs/plan.md maps each rule to its code and test).
describe("the plan's content on whole journeys", () => {
  let harness: JourneyHarness;
  const clubClerk = { staffId: 'S-CLUB-JN', role: 'club', storeId: 'JN001' } as const;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  afterAll(() => harness?.stop());

  const payloadOf = <T extends keyof TaskPayloads>(task: { payload: unknown }, _type: T) =>
    task.payload as TaskPayloads[T];

  async function coachingDone(handle: JourneyHandle, clubAccepted?: boolean): Promise<void> {
    const coaching = allDone(await harness.task(handle, 'onboarding_coaching'));
    if (clubAccepted !== undefined) coaching.checklist.club_recommendation = { done: true, clubAccepted };
    await harness.complete(handle, 'onboarding_coaching', staff.storeClerk, {
      ...coaching,
      serviceGuideHandedOut: true,
    });
  }

  it('a customer who accepts the club gets its work order at the store: levels, services, activities', async () => {
    const accepted = await harness.startJourney(await harness.activation());
    const declined = await harness.startJourney(await harness.activation());
    await coachingDone(accepted, true);
    await coachingDone(declined, false);
    const order = await harness.task(accepted, 'club_service_order');
    expect(order).toMatchObject({ role: 'club', storeId: 'JN001' });
    const { workOrder } = payloadOf(order, 'club_service_order');
    expect(workOrder.levels.map((level) => [level.code, level.minMinutes, level.maxMinutes])).toEqual([
      ['standard', 5, 10],
      ['extended', 10, 30],
      ['professional', 30, 60],
    ]);
    expect(workOrder.services.map((service) => service.code)).toContain('APP_ANDROID');
    // Never due sooner than a day after the checklist, nor before the 0–3 day window's end.
    expect(Date.parse(order.dueAt)).toBeGreaterThanOrEqual(Date.parse(order.availableAt) + 86_400_000);

    const done = await harness.complete(accepted, 'club_service_order', clubClerk, {
      result: 'served',
      level: 'extended',
      services: { PHONE_ACTIVATION: { done: true }, APP_ANDROID: { done: false, declinedReason: '客户自己装' } },
      joinedClub: true,
      activitiesTold: true,
    });
    expect(done.status).toBe('completed');
    const row = await eventually(() => harness.prisma.task.findUniqueOrThrow({ where: { id: order.id } }));
    expect(row.role).toBe('club');
    await harness.until(declined, (s) =>
      s.tasks.some((task) => task.type === 'onboarding_coaching' && task.status === 'completed'),
    );
    expect((await harness.state(declined)).tasks.map((task) => task.type)).not.toContain('club_service_order');
    await harness.leave(accepted, declined);
  });

  it('the follow-up call shows plan fit, corrects the name, address and ID digits, records a plan change and promises a launch SMS', async () => {
    const subscriber = await harness.activation({ address: '济南市历下区泉城路2号', idNumberLast4: '1234' });
    const handle = await harness.startJourney(subscriber);
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 600, dataMB: 50, sms: 5 });
    const soon = await harness.promotionLaunchingIn(20);
    const late = await harness.promotionLaunchingIn(120);
    await coachingDone(handle);
    await harness.advance(4);
    const call = await harness.task(handle, 'first_followup_call');
    expect(payloadOf(call, 'first_followup_call').planFit).toMatchObject({
      kind: 'recommend',
      recommended: { code: 'B96' },
      expectedMonthlySaving: 30,
    });
    await harness.complete(handle, 'first_followup_call', staff.followup, {
      result: 'reached',
      verification: {
        name: 'corrected',
        id_number: 'corrected',
        contact_phone: 'verified',
        mailing_address: 'corrected',
      },
      correctedName: '张卫',
      correctedIdNumberLast4: '123X',
      correctedAddress: '济南市历下区泉城路12号',
      issues: [
        { category: 'tariff', handling: '客户要求改为B96', recommendBetterPlan: false, changePlanTo: 'B96' },
        { category: 'promotion', handling: '已登记，上线时短信告知', offerLaunched: false, promotionCode: soon },
        { category: 'promotion', handling: '已登记', offerLaunched: false, promotionCode: late },
      ],
    });
    const state = await harness.until(handle, (s) =>
      s.timeline.some((e) => e.kind === 'promotion_launches_after_journey'),
    );
    expect(state.subscriber).toMatchObject({ name: '张卫', address: '济南市历下区泉城路12号', idNumberLast4: '123X' });
    // The timeline names what changed, never the values (it feeds pages beyond the task's).
    expect(state.timeline.find((entry) => entry.kind === 'details_corrected')?.detail).toEqual({
      items: ['name', 'mailing_address', 'id_number'],
    });
    const row = await eventually(async () => {
      const found = await harness.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriber.subscriberId } });
      expect(found).toMatchObject({ name: '张卫', address: '济南市历下区泉城路12号', idNumberLast4: '123X' });
      return found;
    });
    // The change itself waits for the BSS (its planChanged event): the plan is unchanged until then.
    expect(row.planCode).toBe('A66');
    const audits = await eventually(async () => {
      const found = await harness.prisma.auditEvent.findMany({ where: { subscriberId: subscriber.subscriberId } });
      expect(found.map((audit) => audit.type)).toEqual(
        expect.arrayContaining(['plan_change_requested', 'promotion_interest', 'promotion_notification_due']),
      );
      return found;
    });
    expect(audits.find((audit) => audit.type === 'plan_change_requested')?.data).toMatchObject({
      from: 'A66',
      to: 'B96',
    });

    await harness.advance(20);
    const told = await harness.until(handle, (s) => s.sms.some((sms) => sms.template === 'promotion_launched'));
    const sms = told.sms.find((sent) => sent.template === 'promotion_launched')!;
    // The launch day's morning in Shanghai, out of quiet hours (08:00 = 00:00 UTC).
    expect(new Date(sms.at).toISOString().slice(11, 13)).toBe('00');
    const outbox = await eventually(() =>
      harness.prisma.smsMessage.findFirstOrThrow({
        where: { subscriberId: subscriber.subscriberId, template: 'promotion_launched' },
      }),
    );
    expect(await harness.outboxText(outbox)).toContain('测试优惠');
    await harness.leave(handle);
    // The promise of the offer launching after day 90 is withdrawn with the subscriber.
    const promise = harness.env.client.workflow.getHandle(launchPromiseWorkflowId(subscriber.subscriberId, late));
    await eventually(async () => expect((await promise.describe()).status.name).toBe('CANCELLED'));
  });

  it('replies to the marketing SMS: TD stops marketing and is confirmed; naming a service opens an order call', async () => {
    const stopping = await harness.startJourney(await harness.activation());
    const ordering = await harness.startJourney(await harness.activation());
    await harness.advance(31);
    const offered = await harness.until(ordering, (s) => (s.marketingOffers ?? []).length > 0);
    await harness.until(stopping, (s) => (s.marketingOffers ?? []).length > 0);
    const service = offered.marketingOffers![0]!;

    await stopping.signal(inboundSms, { messageId: 'MO-TD-1', text: 'ｔｄ' });
    await ordering.signal(inboundSms, { messageId: 'MO-ORDER-1', text: `我要订${service.name}` });

    const stopped = await harness.until(stopping, (s) => s.sms.some((sms) => sms.template === 'unsubscribe_confirmed'));
    expect(stopped.dnd).toBe(true);
    expect(stopped.tasks.find((task) => task.type === 'vas_telemarketing')).toMatchObject({
      status: 'cancelled',
      endReason: 'do-not-disturb',
    });
    const order = await harness.task(ordering, 'vas_order');
    expect(order.role).toBe('telemarketing');
    expect(payloadOf(order, 'vas_order').service).toEqual(service);
    await harness.complete(ordering, 'vas_order', staff.telemarketing, { result: 'ordered' });
    expect((await harness.state(ordering)).dnd).toBe(false);
    await harness.leave(stopping, ordering);
  });

  it("a gold VIP's account manager presents the tier's services and the club's activities on day 30", async () => {
    const subscriber = await harness.activation({ storeId: 'JN001' });
    const day = (days: number) => new Date(Date.parse(subscriber.activatedAt) + days * 86_400_000);
    // Activities of the journey's time (the seed's are on fixed dates): the store's own and its region's
    // are invited to within 60 days of day 30; another store's, another region's and later ones are not.
    const tag = Date.now().toString(36);
    const activity = (id: string, region: string, storeId: string | null, startsOn: number) => ({
      id: `TEST-${tag}-${id}`,
      club: '3g_club',
      region,
      storeId,
      title: `测试活动${id}`,
      titleEn: `Test activity ${id}`,
      venue: '测试场地',
      venueEn: 'Test venue',
      startsAt: day(startsOn),
      endsAt: new Date(day(startsOn).getTime() + 2 * 3_600_000),
    });
    await harness.prisma.clubActivity.createMany({
      data: [
        activity('store', 'jinan', 'JN001', 40),
        activity('region', 'jinan', null, 55),
        activity('other-store', 'jinan', 'JN002', 40),
        activity('other-region', 'qingdao', null, 40),
        activity('too-late', 'jinan', 'JN001', 95),
        activity('too-early', 'jinan', 'JN001', 20),
      ],
    });
    const handle = await harness.startJourney(subscriber);
    await handle.signal(vipRated, { tier: 'gold' });
    await harness.task(handle, 'vip_first_call');
    await harness.advance(31);
    const task = await harness.task(handle, 'vip_service_recommendation');
    const payload = payloadOf(task, 'vip_service_recommendation');
    expect(payload.services).toBeUndefined();
    expect(payload.tieredServices!.length).toBeGreaterThan(0);
    const invited = payload.clubActivities!.map((invitation) => invitation.id).filter((id) => id.includes(tag));
    expect(invited).toEqual([`TEST-${tag}-store`, `TEST-${tag}-region`]);
    for (const invitation of payload.clubActivities!) {
      expect(invitation.region).toBe('jinan');
      expect([null, 'JN001']).toContain(invitation.storeId);
    }
    await harness.leave(handle);
  });

  it('a large overage with no cheaper plan within the rule still reaches the manager, with the outside-rule plan', async () => {
    const handle = await harness.startJourney(await harness.activation({ planCode: 'B46' }));
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 1500, dataMB: 40, sms: 0 });
    await handle.signal(vipRated, { tier: 'gold' });
    await harness.advance(61);
    const consultation = await harness.task(handle, 'plan_fit_consultation');
    expect(payloadOf(consultation, 'plan_fit_consultation').planFit).toMatchObject({
      kind: 'large_overage',
      outsideRule: { plan: { code: 'B186' } },
    });
    await harness.leave(handle);
  });
});
