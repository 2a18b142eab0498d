// Longer than ~250 lines on purpose: the report's figures and its page share one database of prepared
// journeys.
import type { Browser } from 'playwright-core';
import type { ControlTouch, ExperimentGroup } from '../domain/control-group';
import { plans } from '../prisma/seed-data';
import type { PrismaClient } from '../platform/database';
import { ApiHarness } from './support/api';
import { launchChromium, screenshot, signIn } from './support/browser';

const [activatedPlan, otherPlan] = [plans[0]!.code, plans[1]!.code];

/** How many of a cohort's subscribers finished their journey and with which outcomes. */
interface Cohort {
  group: ExperimentGroup;
  touch: ControlTouch;
  activatedAt: string;
  finished: number;
  departures?: number;
  /** Accepted a service on the telemarketing call. */
  accepted?: number;
  /** Ordered a service by SMS reply (after those who accepted on the call). */
  ordered?: number;
  /** Declined on the call: no take-up (after those who ordered). */
  declined?: number;
  planChanges?: number;
  running?: number;
  /** Erased while their journey ran: cancelled with no summary, an outcome nobody knows. */
  erasedWhileRunning?: number;
}

let sequence = 0;

/**
 * Writes a cohort's rows as the journeys would have left them (subscriber with its group, journey with
 * its status and summary, the telemarketing and order tasks): the report reads only these tables, and
 * hundreds of 90-day journeys are more than a test should run.
 */
async function seedCohort(prisma: PrismaClient, cohort: Cohort): Promise<void> {
  const { departures = 0, accepted = 0, ordered = 0, declined = 0, planChanges = 0 } = cohort;
  const { running = 0, erasedWhileRunning = 0 } = cohort;
  const total = cohort.finished + running + erasedWhileRunning;
  const activatedAt = new Date(cohort.activatedAt);
  const ids = Array.from({ length: total }, () => `SUB-LIFT-${String((sequence += 1)).padStart(5, '0')}`);
  await prisma.subscriber.createMany({
    data: ids.map((id, i) => ({
      id,
      msisdn: `1860${String(sequence * 1000 + i).padStart(7, '0')}`,
      name: '测试',
      activatedAt,
      storeId: 'JN001',
      planCode: i < planChanges ? otherPlan : activatedPlan,
      paymentType: 'prepaid' as const,
      tier: 'standard' as const,
      portIn: false,
      dnd: false,
      activation: { planCode: activatedPlan },
      experimentGroup: cohort.group,
      experimentTouch: cohort.touch,
    })),
  });
  const finishedIds = ids.slice(0, cohort.finished);
  await prisma.journey.createMany({
    data: ids.map((id, i) => {
      const finished = i < cohort.finished;
      const left = finished ? i >= cohort.finished - departures : i >= cohort.finished + running;
      return {
        id: `journey-${id}`,
        subscriberId: id,
        status: !finished && !left ? ('running' as const) : left ? ('cancelled' as const) : ('completed' as const),
        moment: 'completed',
        startedAt: activatedAt,
        ...(finished ? { endedAt: activatedAt, summary: { endReason: left ? 'subscriber left: x' : 'day 90' } } : {}),
      };
    }),
  });
  const task = (id: string, type: string, outcome: object) => ({
    id: `journey-${id}:${type}`,
    journeyId: `journey-${id}`,
    subscriberId: id,
    type,
    role: 'telemarketing' as const,
    status: 'completed' as const,
    availableAt: activatedAt,
    dueAt: activatedAt,
    payload: {},
    outcome,
  });
  await prisma.task.createMany({
    data: [
      ...finishedIds
        .slice(0, accepted)
        .map((id) => task(id, 'vas_telemarketing', { result: 'accepted', accepted: ['WO_MUSIC'] })),
      // One who accepted on the call also ordered by SMS: counted once.
      ...finishedIds.slice(accepted - 1, accepted + ordered).map((id) => task(id, 'vas_order', { result: 'ordered' })),
      ...finishedIds
        .slice(accepted + ordered, accepted + ordered + declined)
        .map((id) => task(id, 'vas_telemarketing', { result: 'declined', accepted: [] })),
    ].filter((row, index, rows) => rows.findIndex((other) => other.id === row.id) === index),
  });
}

describe('the lift report of the control group', () => {
  let api: ApiHarness;
  let browser: Browser;
  const shots: string[] = [];
  let supervisor: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      ApiHarness.start({ controlGroup: { share: 0.05, touch: 'first_followup_call' } }),
      launchChromium(),
    ]);
    const { prisma } = api.journeys;
    const autumn = '2026-10-01T10:00:00+08:00';
    // The day 4–10 call: 200 treatment and 40 control journeys finished.
    await seedCohort(prisma, {
      group: 'treatment',
      touch: 'first_followup_call',
      activatedAt: autumn,
      finished: 200,
      departures: 10,
      accepted: 50,
      ordered: 10,
      declined: 30,
      planChanges: 20,
      running: 5,
    });
    await seedCohort(prisma, {
      group: 'control',
      touch: 'first_followup_call',
      activatedAt: autumn,
      finished: 40,
      departures: 8,
      accepted: 3,
      ordered: 1,
      planChanges: 2,
      erasedWhileRunning: 1,
    });
    // Activated in the summer: only a report over every date counts them.
    await seedCohort(prisma, {
      group: 'control',
      touch: 'first_followup_call',
      activatedAt: '2026-07-15T10:00:00+08:00',
      finished: 10,
      departures: 10,
    });
    // Telemarketing's experiment: groups too small to tell anything.
    await seedCohort(prisma, {
      group: 'treatment',
      touch: 'vas_telemarketing',
      activatedAt: autumn,
      finished: 25,
      accepted: 10,
    });
    await seedCohort(prisma, { group: 'control', touch: 'vas_telemarketing', activatedAt: autumn, finished: 3 });
    supervisor = await api.signIn('supervisor.sun');
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    process.stdout.write(`screenshots: ${shots.join(', ')}\n`);
  });

  const lift = (query: string, token = supervisor) =>
    api.call('GET', `/v1/reports/lift${query}`, { token, route: '/v1/reports/lift' });

  it('compares departures, take-up and plan changes between the groups, with counts and 95 % intervals', async () => {
    const { status, body } = await lift('?activatedFrom=2026-09-01&activatedTo=2026-10-31');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      touch: 'first_followup_call',
      configured: { share: 0.05, touch: 'first_followup_call' },
      activatedFrom: '2026-09-01',
      activatedTo: '2026-10-31',
      confidence: 0.95,
      minGroupSize: 30,
      // The journey erased while it ran is assigned but neither finished nor running.
      groups: {
        treatment: { assigned: 205, finished: 200, running: 5 },
        control: { assigned: 41, finished: 40, running: 0 },
      },
    });
    const { departures, valueAddedTakeUp, planChanges } = body.measures;
    // Departures: 5 % with the call against 20 % without: the call keeps subscribers.
    expect(departures).toMatchObject({
      treatment: { count: 10, n: 200, rate: 0.05 },
      control: { count: 8, n: 40, rate: 0.2 },
      judgement: { verdict: 'treatment_lower' },
    });
    expect(departures.difference).toBeCloseTo(-0.15, 10);
    expect(departures.interval.lower).toBeCloseTo(-0.2993, 4);
    expect(departures.interval.upper).toBeCloseTo(-0.0471, 4);
    // Take-up: accepted on the call or ordered by SMS, each subscriber once; a decline is none.
    expect(valueAddedTakeUp).toMatchObject({
      treatment: { count: 60, n: 200, rate: 0.3 },
      control: { count: 4, n: 40, rate: 0.1 },
      judgement: { verdict: 'treatment_higher' },
    });
    expect(valueAddedTakeUp.interval.lower).toBeCloseTo(0.0567, 4);
    expect(valueAddedTakeUp.interval.upper).toBeCloseTo(0.2901, 4);
    // Plan changes: 10 % against 5 %, but the interval includes no difference.
    expect(planChanges).toMatchObject({
      treatment: { count: 20, n: 200 },
      control: { count: 2, n: 40 },
      judgement: { verdict: 'too_small_to_tell', reason: 'interval_spans_zero' },
    });
  });

  it('counts every activation date without a filter, and each touch’s experiment apart', async () => {
    const everything = await lift('');
    expect(everything.body.groups.control).toEqual({ assigned: 51, finished: 50, running: 0 });
    expect(everything.body.measures.departures.control).toMatchObject({ count: 18, n: 50 });

    const telemarketing = await lift('?touch=vas_telemarketing');
    expect(telemarketing.body.groups).toEqual({
      treatment: { assigned: 25, finished: 25, running: 0 },
      control: { assigned: 3, finished: 3, running: 0 },
    });
    expect(telemarketing.body.measures.valueAddedTakeUp).toMatchObject({
      treatment: { count: 10, n: 25 },
      control: { count: 0, n: 3 },
      judgement: { verdict: 'too_small_to_tell', reason: 'groups_too_small' },
    });
  });

  it('is for supervisors only (403, 401) and refuses a bad query (400) naming the field', async () => {
    expect((await lift('', await api.signIn('followup.zhang'))).status).toBe(403);
    expect((await api.call('GET', '/v1/reports/lift')).status).toBe(401);
    for (const [query, field] of [
      ['?touch=sms', 'touch'],
      ['?activatedFrom=2026-13-01', 'activatedFrom'],
      ['?activatedFrom=2026-10-02&activatedTo=2026-10-01', 'activatedTo'],
      ['?group=control', ''],
    ]) {
      const { status, body } = await lift(query!);
      expect({ query, status, code: body.error?.code }).toEqual({
        query,
        status: 400,
        code: 'invalid_request',
      });
      if (field) expect(JSON.stringify(body)).toContain(field);
    }
  });

  it('the supervisor opens the lift page from the dashboard, in Chinese and in English; a clerk may not', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(page, api.baseUrl, 'supervisor.sun');
    await page.goto(`${api.baseUrl}/ui/dashboard`);
    await Promise.all([page.waitForURL('**/ui/lift'), page.getByTestId('lift-link').click()]);
    expect(await page.locator('h1').textContent()).toBe('人工触达效果评估（对照组）');
    expect(await page.getByTestId('configured').textContent()).toContain('5%');

    await page.fill('input[name=activatedFrom]', '2026-09-01');
    await page.fill('input[name=activatedTo]', '2026-10-31');
    await Promise.all([page.waitForURL(/activatedFrom=2026-09-01/), page.click('form[action="/ui/lift"] button')]);
    const row = (measure: string) => page.locator(`tr[data-measure="${measure}"]`);
    expect(await page.locator('tr[data-group="control"] td').allTextContents()).toEqual([
      '对照组（不触达）',
      '41',
      '40',
      '0',
    ]);
    expect(await row('departures').locator('[data-cell="treatment"]').textContent()).toBe('10 / 200 (5.0%)');
    expect(await row('departures').locator('[data-cell="control"]').textContent()).toBe('8 / 40 (20.0%)');
    expect(await row('departures').locator('[data-cell="difference"]').textContent()).toBe('−15.0 个百分点');
    expect(await row('departures').locator('[data-cell="interval"]').textContent()).toBe('−29.9 … −4.7');
    expect(await row('departures').locator('[data-cell="verdict"]').textContent()).toBe('有触达时更低');
    expect(await row('planChanges').locator('[data-cell="verdict"]').textContent()).toMatch(/^尚无法判断/);
    shots.push(await screenshot(page, 'lift-report-supervisor'));

    await page.selectOption('select[name=touch]', 'vas_telemarketing');
    await page.fill('input[name=activatedFrom]', '');
    await page.fill('input[name=activatedTo]', '');
    await Promise.all([page.waitForURL(/touch=vas_telemarketing/), page.click('form[action="/ui/lift"] button')]);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator('h1').textContent()).toBe('Lift of human touches (control group)');
    expect(await row('valueAddedTakeUp').locator('[data-cell="verdict"]').textContent()).toBe(
      'Too small to tell (each group needs at least 30 finished journeys)',
    );
    shots.push(await screenshot(page, 'lift-report-too-small-en'));

    const clerk = await (await browser.newContext()).newPage();
    await signIn(clerk, api.baseUrl, 'store.jn001');
    expect((await clerk.goto(`${api.baseUrl}/ui/lift`))?.status()).toBe(403);
    expect((await clerk.goto(`${api.baseUrl}/ui/lift?touch=sms`))?.status()).toBe(403);
  });
});
