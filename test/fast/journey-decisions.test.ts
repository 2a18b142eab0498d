import { subscriberLeft, tierChanged, vipRated } from '../../workflows/messages';
import type { Activities } from '../../activities';
import { FastJourneys } from './fast-journeys';
import { stubActivities } from './stub-activities';

const DAY_MS = 86_400_000;

// The fast tier (npm run test:fast): the journey's decisions with stubbed activities under time
// skipping, in seconds. The same timelines against PostgreSQL and the real activities are the
// journey-*.test.ts files.
describe('journey decisions, activities stubbed', () => {
  let fast: FastJourneys;
  beforeAll(async () => {
    fast = await FastJourneys.start();
  });
  afterAll(() => fast?.stop());

  /** The task types the journey opened, in the order it opened them. */
  const opened = (saveTask: jest.Mock<Promise<void>, Parameters<Activities['saveTask']>>) => [
    ...new Set(saveTask.mock.calls.map(([write]) => write.task.type)),
  ];

  it('when nobody serves a standard subscriber, then coaching and the follow-up call open in the plan’s order, each is escalated once, and the journey ends on day 90', async () => {
    const activities = stubActivities();
    const subscriber = await fast.activation();
    const summary = await fast.journey(activities, subscriber, (handle) => handle.result());

    expect(summary.status).toBe('completed');
    expect(opened(activities.saveTask).slice(0, 2)).toEqual(['onboarding_coaching', 'first_followup_call']);
    const escalations = activities.saveTask.mock.calls.flatMap(([write]) =>
      write.audit?.type === 'task_escalated' ? [write.task.id] : [],
    );
    expect(escalations.length).toBeGreaterThan(0);
    expect(new Set(escalations).size).toBe(escalations.length);
    expect(activities.sendSms.mock.calls[0]?.[0].sms.template).toBe('welcome');
    expect(activities.assignAccountManager).not.toHaveBeenCalled();
    expect(activities.recordJourneyEnd).toHaveBeenCalledTimes(1);
    const endedAt = Date.parse(activities.recordJourneyEnd.mock.calls[0]![0].summary.endedAt);
    expect(endedAt - Date.parse(subscriber.activatedAt)).toBeGreaterThanOrEqual(90 * DAY_MS);
  });

  it('when a subscriber is rated gold on day 2, then a manager is assigned and gets the first call; when they drop to standard, then the first call is cancelled', async () => {
    const activities = stubActivities();
    const subscriber = await fast.activation();
    await fast.journey(activities, subscriber, async (handle) => {
      await fast.env.sleep(2 * DAY_MS);
      await handle.signal(vipRated, { tier: 'gold' });
      await fast.env.sleep(DAY_MS);
      expect(activities.assignAccountManager).toHaveBeenCalledTimes(1);
      const firstCall = activities.saveTask.mock.calls.find(([write]) => write.task.type === 'vip_first_call');
      expect(firstCall?.[0].task.assigneeId).toBe('S-AM-LI');

      await handle.signal(tierChanged, { tier: 'standard' });
      await fast.env.sleep(DAY_MS);
      const last = activities.saveTask.mock.calls.filter(([write]) => write.task.type === 'vip_first_call').at(-1);
      expect(last?.[0].task.status).toBe('cancelled');
      await handle.signal(subscriberLeft, { reason: 'test over' });
      await handle.result();
    });
  });

  it('when the subscriber leaves on day 5, then open tasks are cancelled and no later moment runs', async () => {
    const activities = stubActivities();
    const summary = await fast.journey(activities, await fast.activation(), async (handle) => {
      await fast.env.sleep(5 * DAY_MS);
      await handle.signal(subscriberLeft, { reason: 'moved abroad' });
      return handle.result();
    });

    expect(summary.status).toBe('cancelled');
    const finalStatus = new Map(activities.saveTask.mock.calls.map(([write]) => [write.task.id, write.task.status]));
    expect([...finalStatus.values()]).not.toContain('open');
    expect(activities.recommendServices).not.toHaveBeenCalled();
    const moments = activities.recordMoment.mock.calls.map(([entered]) => entered.moment);
    expect(moments).toContain('first_followup');
    expect(moments).not.toContain('service_recommendation');
    expect(moments).not.toContain('plan_fit');
  });
});
