import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { allDone, JourneyHarness, staff } from './support/journey-harness';

// What an engineer reads in the Temporal Web UI without opening a payload: the journey's summary in
// the list, its timers and activities named in the plan's words, its current moment and open tasks.
// None of it holds personal data (it is not encrypted).
describe('a journey history engineers can read', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  afterAll(() => harness?.stop());

  async function text(payload: Payload | null | undefined): Promise<string | undefined> {
    if (!payload) return undefined;
    const [decoded] = await harness.protection.codec.decode([payload]);
    return defaultPayloadConverter.fromPayload<string>(decoded!);
  }

  async function summaries(events: temporal.api.history.v1.IHistoryEvent[], kind: 'timer' | 'activity') {
    const found: string[] = [];
    for (const event of events) {
      const started = kind === 'timer' ? event.timerStartedEventAttributes : event.activityTaskScheduledEventAttributes;
      if (started) found.push((await text(event.userMetadata?.summary)) ?? '(none)');
    }
    return found;
  }

  it('names the journey, its timers, its activities and where it stands', async () => {
    const subscriber = await harness.activation({ name: '欧阳修', planCode: 'A66' });
    const handle = await harness.startJourney(subscriber);
    const coaching = await harness.task(handle, 'onboarding_coaching');

    const description = await handle.describe();
    expect(await description.staticSummary()).toBe(
      `standard · A66 · prepaid · store JN001 · activated ${subscriber.activatedAt.slice(0, 10)}`,
    );
    const details = async () =>
      (await handle.query<{ currentDetails: string }>('__temporal_workflow_metadata')).currentDetails;
    expect(await details()).toContain('**Moment:** onboarding_coaching (day 0 of 90)');
    expect(await details()).toContain('onboarding_coaching (store, due ');

    await harness.complete(handle, 'onboarding_coaching', staff.storeClerk, allDone(coaching));
    await harness.advance(4);
    await harness.task(handle, 'first_followup_call');
    expect(await details()).toMatch(/\*\*Moment:\*\* first_followup \(day 4 of 90\)/);
    expect(await details()).toContain('first_followup_call (followup, due ');
    expect(await details()).not.toContain('onboarding_coaching');

    const { events } = await handle.fetchHistory();
    const timers = await summaries(events!, 'timer');
    expect(timers).toEqual(
      expect.arrayContaining([
        'day 4: follow-up call opens',
        'day 30: service recommendation',
        'day 60: plan-fit assessment',
        'task onboarding_coaching: due',
        'the journey ends',
      ]),
    );
    expect(timers).not.toContain('(none)');
    const activities = await summaries(events!, 'activity');
    expect(activities).toEqual(
      expect.arrayContaining(['register the journey', 'SMS welcome', 'SMS help_menu', 'moment first_followup']),
    );
    expect(activities).not.toContain('(none)');
    const shown = [...timers, ...activities, await description.staticSummary(), await details()].join('\n');
    for (const personal of [subscriber.name, subscriber.msisdn, subscriber.subscriberId]) {
      expect(shown).not.toContain(personal);
    }
    await harness.leave(handle);
  });
});
