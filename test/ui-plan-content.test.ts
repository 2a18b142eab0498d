import type { Browser, Page } from 'playwright-core';
import { compressedSchedule } from '../workflows/schedule';
import { usageReported, vipRated } from '../workflows/messages';
import type { TaskType } from '../workflows/tasks';
import { ApiHarness, gatewayToken } from './support/api';
import { launchChromium, screenshot, signIn } from './support/browser';
import { allDone, eventually, staff, type JourneyHandle } from './support/journey-harness';

// The pages of the plan's content in Debian's Chromium (docs/plan.md): the club's work order, the
// follow-up call's plan fit and plan change, an order from a reply to the marketing SMS, a VIP's
// tiered services and a large overage. A day lasts a second on the dev server, as in ui.test.ts.
describe("the plan's content on the staff pages", () => {
  let api: ApiHarness;
  let browser: Browser;
  const handles: JourneyHandle[] = [];
  const shots: string[] = [];

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      ApiHarness.start({ server: 'dev', schedule: compressedSchedule(1_000) }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    for (const handle of handles) await api.journeys.leave(handle).catch(() => undefined);
    await api?.stop();
    process.stdout.write(`screenshots: ${shots.join(', ')}\n`);
  });

  async function startJourney(overrides: object = {}): Promise<JourneyHandle> {
    const handle = await api.activate(overrides);
    handles.push(handle);
    return handle;
  }

  const subscriberOf = (handle: JourneyHandle) => handle.workflowId.replace(/^journey-/, '');

  /** The open task's page, for the staff member it is assigned to (or the role's seeded colleague). */
  async function taskPage(username: string, handle: JourneyHandle, type: TaskType): Promise<Page> {
    const task = await api.journeys.task(handle, type);
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(page, api.baseUrl, username);
    const response = await page.goto(`${api.baseUrl}/ui/tasks/${encodeURIComponent(task.id)}`);
    expect(response?.status()).toBe(200);
    return page;
  }

  const submit = (page: Page) => Promise.all([page.waitForURL(/\/ui\/tasks\?done=/), page.click('button.primary')]);

  async function outcomeOf(handle: JourneyHandle, type: TaskType): Promise<unknown> {
    const row = await eventually(async () => {
      const task = await api.journeys.prisma.task.findFirstOrThrow({
        where: { subscriberId: subscriberOf(handle), type },
      });
      expect(task.status).toBe('completed');
      return task;
    });
    return row.outcome;
  }

  it("a clerk records the club's acceptance; the club's clerk works the work order: level and each service", async () => {
    const handle = await startJourney();
    const coaching = await taskPage('store.jn001', handle, 'onboarding_coaching');
    expect(await coaching.locator('fieldset[data-item="club_recommendation"]').textContent()).toContain('3G俱乐部');
    await coaching.check('input[name="clubAccepted"]');
    await coaching.check('input[name="serviceGuide"]');
    await submit(coaching);

    const order = await taskPage('club.jn', handle, 'club_service_order');
    const levels = await order.getByTestId('club-levels').textContent();
    for (const level of ['标准版', '升级版', '专业版']) expect(levels).toContain(level);
    await order.check('input[name="level"][value="extended"]');
    await order.check('input[name="service_PHONE_ACTIVATION"][value="done"]');
    await order.check('input[name="service_APP_ANDROID"][value="declined"]');
    await order.check('input[name="joinedClub"]');
    shots.push(await screenshot(order, 'task-club-work-order'));
    await submit(order);
    expect(await outcomeOf(handle, 'club_service_order')).toEqual({
      result: 'served',
      level: 'extended',
      services: { PHONE_ACTIVATION: { done: true }, APP_ANDROID: { done: false } },
      joinedClub: true,
      activitiesTold: false,
    });
  }, 60_000);

  it('the follow-up agent sees plan fit and the details to verify, corrects the name and asks for the plan change', async () => {
    const handle = await startJourney({ planCode: 'A66', address: '济南市历下区泉城路2号', idNumberLast4: '1234' });
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 600, dataMB: 50, sms: 5 });
    const coaching = await api.journeys.task(handle, 'onboarding_coaching');
    await api.journeys.complete(handle, 'onboarding_coaching', staff.storeClerk, allDone(coaching));
    const call = await api.journeys.task(handle, 'first_followup_call');

    // A plan the catalog does not hold is refused with its field, and the task stays open.
    const refused = await api.call('POST', `/v1/tasks/${encodeURIComponent(call.id)}/complete`, {
      token: await api.signIn('followup.zhang'),
      body: {
        outcome: {
          result: 'reached',
          issues: [{ category: 'tariff', handling: '改套餐', recommendBetterPlan: false, changePlanTo: 'X99' }],
        },
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([
      { field: 'outcome.issues.0.changePlanTo', reason: 'no active plan X99' },
    ]);
    expect((await api.journeys.task(handle, 'first_followup_call')).status).toBe('open');

    // A detail marked corrected needs its corrected value, and values have their shape: 422 naming each.
    const badVerification = await api.call('POST', `/v1/tasks/${encodeURIComponent(call.id)}/complete`, {
      token: await api.signIn('followup.zhang'),
      body: {
        outcome: {
          result: 'reached',
          verification: {
            name: 'corrected',
            id_number: 'verified',
            contact_phone: 'checked',
            mailing_address: 'verified',
          },
          correctedIdNumberLast4: '12345',
        },
      },
    });
    expect(badVerification.status).toBe(422);
    expect(badVerification.body.error.details).toEqual(
      expect.arrayContaining([
        {
          field: 'outcome.verification.contact_phone',
          reason: 'say whether it was verified, corrected or not confirmed',
        },
        { field: 'outcome.correctedIdNumberLast4', reason: 'four digits, the last may be X' },
      ]),
    );
    expect((await api.journeys.task(handle, 'first_followup_call')).status).toBe('open');

    const page = await taskPage('followup.zhang', handle, 'first_followup_call');
    expect(await page.getByTestId('plan-fit-on-call').textContent()).toContain('B96');
    // What the agent verifies, as the activation gave it; the bill's guidance under the billing question.
    const onFile = (item: string) => page.locator(`[data-on-file="${item}"]`).textContent();
    expect(await onFile('name')).toBe('张伟');
    expect(await onFile('id_number')).toBe('后四位 1234');
    expect(await onFile('contact_phone')).toBe((await api.journeys.state(handle)).subscriber.msisdn);
    expect(await onFile('mailing_address')).toBe('济南市历下区泉城路2号');
    expect(await page.locator('[data-guidance="billing"]').textContent()).toContain('为客户解释账单项目');
    expect(await page.locator('[data-guidance="billing"]').textContent()).toContain('网上营业厅');
    await page.check('input[name="verify_name"][value="corrected"]');
    await page.fill('input[name="correctedName"]', '张卫');
    await page.check('input[name="verify_id_number"][value="verified"]');
    await page.check('input[name="verify_contact_phone"][value="verified"]');
    await page.check('input[name="verify_mailing_address"][value="not_confirmed"]');
    await page.check('input[name="issue_tariff"]');
    await page.fill('input[name="tariff_handling"]', '客户同意改为B96');
    await page.selectOption('select[name="tariff_changePlanTo"]', 'B96');
    shots.push(await screenshot(page, 'task-followup-plan-change'));
    await submit(page);

    const subscriberId = subscriberOf(handle);
    await eventually(async () => {
      const audits = await api.journeys.prisma.auditEvent.findMany({ where: { subscriberId } });
      expect(audits.find((audit) => audit.type === 'plan_change_requested')?.data).toMatchObject({
        from: 'A66',
        to: 'B96',
      });
      const subscriber = await api.journeys.prisma.subscriber.findUniqueOrThrow({ where: { id: subscriberId } });
      expect(subscriber.name).toBe('张卫');
    });
    expect(await outcomeOf(handle, 'first_followup_call')).toMatchObject({
      verification: {
        name: 'corrected',
        id_number: 'verified',
        contact_phone: 'verified',
        mailing_address: 'not_confirmed',
      },
      correctedName: '张卫',
    });
  }, 60_000);

  it('a reply naming an offered service opens an order call that telemarketing completes from its page', async () => {
    const profile = await api.activation();
    const handle = await startJourney(profile);
    const state = await api.journeys.until(handle, (s) => (s.marketingOffers ?? []).length > 0);
    const service = state.marketingOffers![0]!;
    const reply = await api.call('POST', '/v1/sms/inbound', {
      token: gatewayToken,
      body: { from: profile.msisdn, messageId: `MO-${profile.subscriberId}`, text: `我要订${service.name}` },
    });
    expect(reply.status).toBe(202);

    const page = await taskPage('tm.liu', handle, 'vas_order');
    expect(await page.getByTestId('ordered-service').textContent()).toContain(service.name);
    await page.check('input[name="result"][value="ordered"]');
    shots.push(await screenshot(page, 'task-vas-order'));
    await submit(page);
    expect(await outcomeOf(handle, 'vas_order')).toEqual({ result: 'ordered' });
  }, 90_000);

  it("a VIP rated after day 10: the manager's first call says it is the deeper follow-up, with the tier's rights", async () => {
    const profile = await api.activation();
    const handle = await startJourney(profile);
    // The regular follow-up call comes first (the plan's order), done inside its window.
    await api.journeys.task(handle, 'first_followup_call');
    await api.journeys.complete(handle, 'first_followup_call', staff.followup, {
      result: 'reached',
      issues: [],
      verification: { name: 'verified', id_number: 'verified', contact_phone: 'verified', mailing_address: 'verified' },
    });
    // A day lasts a second here: rated on day 11.
    await new Promise((resolve) => setTimeout(resolve, Date.parse(profile.activatedAt) + 11_000 - Date.now()));
    await handle.signal(vipRated, { tier: 'platinum' });

    const assigned = await api.journeys.task(handle, 'vip_first_call');
    const manager = await api.journeys.prisma.staff.findUniqueOrThrow({ where: { id: assigned.assigneeId! } });
    const call = await taskPage(manager.username, handle, 'vip_first_call');
    expect(await call.getByTestId('deeper-followup').textContent()).toMatch(
      /^本次为深入回访：客户的VIP评级晚于入网后第10天/,
    );
    const platinumRights = await api.journeys.prisma.tieredService.findMany({ where: { tier: 'platinum' } });
    const rights = await call.getByTestId('tier-rights').textContent();
    for (const right of platinumRights) expect(rights).toContain(right.name);
    shots.push(await screenshot(call, 'task-vip-first-call-deeper'));
  }, 60_000);

  it("a gold VIP's manager presents the tier's services on day 30 and sees the large overage on day 60", async () => {
    const handle = await startJourney({ planCode: 'B46' });
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 1500, dataMB: 40, sms: 0 });
    await handle.signal(vipRated, { tier: 'gold' });
    const firstCall = await api.journeys.task(handle, 'vip_first_call');
    const manager = await api.journeys.prisma.staff.findUniqueOrThrow({ where: { id: firstCall.assigneeId! } });

    // The first call: the tier's rights from the catalog, and no deeper follow-up for a rating on day 0.
    const call = await taskPage(manager.username, handle, 'vip_first_call');
    const rights = call.getByTestId('tier-rights');
    expect(await rights.locator('li').count()).toBeGreaterThanOrEqual(2 + 3);
    expect(await rights.textContent()).toContain('主动告知客户的会员级别及可享受的分级服务内容');
    const goldRights = await api.journeys.prisma.tieredService.findMany({ where: { tier: 'gold' } });
    for (const right of goldRights) expect(await rights.textContent()).toContain(right.name);
    expect(await call.getByTestId('deeper-followup').count()).toBe(0);
    shots.push(await screenshot(call, 'task-vip-first-call'));

    const services = await taskPage(manager.username, handle, 'vip_service_recommendation');
    expect(await services.getByTestId('tiered-services').locator('li').count()).toBeGreaterThanOrEqual(3);
    expect(await services.getByTestId('club-activities').count()).toBe(1);
    shots.push(await screenshot(services, 'task-vip-tiered-services'));

    const consultation = await taskPage(manager.username, handle, 'plan_fit_consultation');
    expect(await consultation.getByTestId('large-overage').count()).toBe(1);
    expect(await consultation.getByTestId('outside-rule').textContent()).toContain('B186');
    expect(await consultation.getByTestId('plan-fit-script').textContent()).not.toBe('');
    shots.push(await screenshot(consultation, 'task-plan-fit-large-overage'));
  }, 120_000);
});
