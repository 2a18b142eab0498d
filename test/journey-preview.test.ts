import { journeyPreview } from '../api/journeys/preview-request';
import type { PreviewEntry, PreviewEvents } from '../domain/journey-preview';
import { paymentMade, subscriberLeft, vipRated } from '../workflows/messages';
import { defaultSchedule } from '../workflows/schedule';
import type { ActivationProfile, JourneyState } from '../workflows/state';
import { JourneyHarness, type JourneyHandle } from './support/journey-harness';

const DAY = 86_400_000;
/** Activities take a moment of the journey's time; a task opened or an SMS sent that much later is the same one. */
const SAME_INSTANT_MS = 5 * 60_000;

// The journey preview says what the real workflow does: each profile runs its whole journey under time
// skipping, on working-time deadlines and today's calendars, with its events on their days, and its
// SMS and tasks must be the preview's, at the same instants, due at the same instants.
describe('the journey preview is what the journey does', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  afterAll(() => harness?.stop());

  interface Scenario {
    name: string;
    profile: Partial<ActivationProfile>;
    password?: boolean;
    events: PreviewEvents;
  }

  const scenarios: Scenario[] = [
    { name: 'standard prepaid with an initial password', profile: {}, password: true, events: {} },
    { name: 'diamond postpaid at activation', profile: { tier: 'diamond', paymentType: 'postpaid' }, events: {} },
    {
      name: 'standard postpaid with a number change, rated gold on day 8, leaves on day 45',
      profile: { paymentType: 'postpaid', previousMsisdn: '13900001111' },
      events: { vipRated: { day: 8, tier: 'gold' }, leftOnDay: 45 },
    },
    {
      name: 'gold postpaid who pays on day 3',
      profile: { tier: 'gold', paymentType: 'postpaid' },
      events: { paidOnDay: 3 },
    },
  ];

  /** Runs the journey to its end, sending each event on its day; returns its state and the events' real days. */
  async function run(
    scenario: Scenario,
  ): Promise<{ subscriber: ActivationProfile; state: JourneyState; events: PreviewEvents }> {
    const subscriber = await harness.activation(scenario.profile);
    const start = Date.parse(subscriber.activatedAt);
    const handle: JourneyHandle = await harness.startJourney(subscriber, {
      schedule: defaultSchedule,
      ...(scenario.password ? { password: '246810' } : {}),
    });
    await harness.task(handle, 'onboarding_coaching');
    const happened: PreviewEvents = {};
    const steps = [
      ...(scenario.events.paidOnDay !== undefined ? [{ day: scenario.events.paidOnDay, kind: 'paid' as const }] : []),
      ...(scenario.events.vipRated ? [{ day: scenario.events.vipRated.day, kind: 'rated' as const }] : []),
      ...(scenario.events.leftOnDay !== undefined ? [{ day: scenario.events.leftOnDay, kind: 'left' as const }] : []),
    ].sort((a, b) => a.day - b.day);
    for (const step of steps) {
      await harness.env.sleep(start + step.day * DAY - (await harness.env.currentTimeMs()));
      const day = ((await harness.env.currentTimeMs()) - start) / DAY;
      if (step.kind === 'paid') {
        await handle.signal(paymentMade, { at: new Date(await harness.env.currentTimeMs()).toISOString() });
        happened.paidOnDay = day;
      }
      if (step.kind === 'rated') {
        await handle.signal(vipRated, { tier: scenario.events.vipRated!.tier });
        happened.vipRated = { day, tier: scenario.events.vipRated!.tier };
        await harness.task(handle, 'vip_first_call');
      }
      if (step.kind === 'left') {
        await handle.signal(subscriberLeft, { reason: 'moved away' });
        happened.leftOnDay = day;
      }
    }
    await handle.result();
    return { subscriber, state: await harness.state(handle), events: happened };
  }

  /** Compared by kind, then in time: activities make the journey's instants differ by milliseconds. */
  const byOpening = (a: { at: number; type: string }, b: { at: number; type: string }) =>
    a.type.localeCompare(b.type) || a.at - b.at;
  const bySending = (a: { at: number; template: string }, b: { at: number; template: string }) =>
    a.template.localeCompare(b.template) || a.at - b.at;
  const sms = (entries: PreviewEntry[]) =>
    entries
      .flatMap((entry) => (entry.kind === 'sms' ? [{ template: entry.template, at: entry.at }] : []))
      .sort(bySending);
  const tasks = (entries: PreviewEntry[]) =>
    entries
      .flatMap((entry) =>
        entry.kind === 'task'
          ? [
              {
                type: entry.type,
                role: entry.role,
                at: entry.at,
                windowEndsAt: entry.windowEndsAt,
                dueAt: entry.dueAt,
                dueAtWindowEnd: entry.dueAtWindowEnd,
              },
            ]
          : [],
      )
      .sort(byOpening);
  /** Instants within {@link SAME_INSTANT_MS} of the preview's are the preview's. */
  const near = (actual: number, expected: number) =>
    Math.abs(actual - expected) <= SAME_INSTANT_MS ? expected : actual;

  it.each(scenarios)('$name', async (scenario) => {
    const { subscriber, state, events } = await run(scenario);
    const preview = await journeyPreview(
      harness.prisma,
      {
        activatedAt: Date.parse(subscriber.activatedAt),
        tier: subscriber.tier,
        paymentType: subscriber.paymentType,
        numberChange: subscriber.previousMsisdn !== undefined,
        storeId: subscriber.storeId,
        initialPassword: scenario.password === true,
        firstPaymentDueAt: Date.parse(state.firstPaymentDueAt),
      },
      events,
    );

    const expectedSms = sms(preview);
    const actualSms = state.sms
      .map((sent) => ({ template: sent.template, at: Date.parse(sent.at) }))
      .sort(bySending)
      .map((sent, index) => ({ ...sent, at: near(sent.at, expectedSms[index]?.at ?? NaN) }));
    expect(actualSms).toEqual(expectedSms);

    const expectedTasks = tasks(preview);
    const actualTasks = state.tasks
      .map((task) => ({
        type: task.type,
        role: task.role,
        at: Date.parse(task.availableAt),
        windowEndsAt: Date.parse(task.windowEndsAt ?? ''),
        dueAt: Date.parse(task.dueAt),
        dueAtWindowEnd: task.dueAtWindowEnd,
      }))
      .sort(byOpening)
      .map((task, index) => ({
        ...task,
        at: near(task.at, expectedTasks[index]?.at ?? NaN),
        windowEndsAt: near(task.windowEndsAt, expectedTasks[index]?.windowEndsAt ?? NaN),
        dueAt: near(task.dueAt, expectedTasks[index]?.dueAt ?? NaN),
      }));
    expect(actualTasks).toEqual(expectedTasks);
  });

  it("春节 in the preview: every task due inside the plan's window; the manager's first call within 7 calendar days", async () => {
    // A gold customer of JN001 activated on Tuesday 10 February 2026, the week before 春节 (15–23 February).
    const activatedAt = Date.parse('2026-02-10T02:00:00.000Z');
    const preview = await journeyPreview(
      harness.prisma,
      { activatedAt, tier: 'gold', paymentType: 'postpaid', numberChange: false, storeId: 'JN001' },
      {},
    );
    const previewed = preview.filter((entry) => entry.kind === 'task');
    expect(previewed.map((entry) => entry.type)).toEqual(
      expect.arrayContaining(['onboarding_coaching', 'vip_first_call', 'payment_reminder_call']),
    );
    for (const entry of previewed) expect(entry.dueAt).toBeLessThanOrEqual(entry.windowEndsAt);
    const firstCall = previewed.find((entry) => entry.type === 'vip_first_call')!;
    // Stores work through the holiday: 7 store days from the rating are 7 calendar days.
    expect(firstCall).toMatchObject({ windowEndsAt: activatedAt + 7 * DAY, dueAt: activatedAt + 7 * DAY });
    expect(previewed.find((entry) => entry.type === 'onboarding_coaching')).toMatchObject({
      windowEndsAt: activatedAt + 3 * DAY,
      dueAt: activatedAt + 3 * DAY,
      dueAtWindowEnd: false,
    });
  });
});
