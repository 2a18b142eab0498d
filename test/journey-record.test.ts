import { writeJourneyRecord } from '../activities/journey-record';
import { readJourneyRecord } from '../api/journeys/stored-journeys';
import { dndChanged, paymentMade, usageReported } from '../workflows/messages';
import type { JourneyState } from '../workflows/state';
import { activationToken, useApiHarness } from './support/api';
import { allDone, staff, type JourneyHandle } from './support/journey-harness';

// The journey's record in PostgreSQL (docs/architecture.md#the-journey-record): it follows the
// workflow's state through a whole journey, and a finished journey is read from it with no worker.
describe("the journey's record", () => {
  const api = useApiHarness();

  const record = (subscriberId: string) =>
    readJourneyRecord(api().journeys.prisma, api().journeys.protection.sealed, subscriberId);
  const revision = async (subscriberId: string) =>
    (await api().journeys.prisma.journey.findUniqueOrThrow({ where: { subscriberId } })).recordRevision;

  /**
   * Waits (real time, the clock held still) until the record equals the workflow's state, and
   * answers it: after a business event the journey writes its record, then waits for its next timer.
   */
  async function recordCaughtUp(handle: JourneyHandle, subscriberId: string): Promise<JourneyState> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [stored, queried] = await Promise.all([record(subscriberId), api().journeys.state(handle)]);
      if (stored && JSON.stringify(stored.state) === JSON.stringify(queried)) return stored.state;
      if (Date.now() > deadline) {
        expect(stored?.state).toEqual(queried);
        throw new Error('the record did not catch up');
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  const getJourney = (subscriberId: string) =>
    api().call('GET', `/v1/subscribers/${subscriberId}`, { token: activationToken, route: '/v1/subscribers/:id' });

  it('equals the workflow state after each step of a whole journey, and is read with no worker once ended', async () => {
    const harness = api().journeys;
    const subscriber = await harness.activation({ contract: { prepay: 950, monthlyReturn: 39 } });
    const { subscriberId } = subscriber;
    const handle = await harness.startJourney(subscriber);
    const revisions: number[] = [];

    const coaching = await harness.task(handle, 'onboarding_coaching');
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 40, dataMB: 290, sms: 5 });
    expect((await recordCaughtUp(handle, subscriberId)).timeline.map((entry) => entry.kind)).toContain(
      'usage_reported',
    );
    revisions.push(await revision(subscriberId));

    await harness.complete(handle, 'onboarding_coaching', staff.storeClerk, allDone(coaching));
    await harness.advance(4);
    await harness.complete(handle, 'first_followup_call', staff.followup, {
      result: 'reached',
      issues: [],
      feedback: '满意',
    });
    await handle.signal(dndChanged, { on: true });
    const afterFollowup = await recordCaughtUp(handle, subscriberId);
    expect(afterFollowup).toMatchObject({ moment: 'first_followup', dnd: true });
    expect(afterFollowup.tasks.map((task) => [task.type, task.status])).toEqual([
      ['onboarding_coaching', 'completed'],
      ['first_followup_call', 'completed'],
    ]);
    revisions.push(await revision(subscriberId));

    await harness.advance(30);
    await handle.signal(paymentMade, { at: new Date(await harness.env.currentTimeMs()).toISOString() });
    expect((await recordCaughtUp(handle, subscriberId)).paymentMadeAt).toBeDefined();
    revisions.push(await revision(subscriberId));

    await handle.result();
    const ended = await recordCaughtUp(handle, subscriberId);
    expect(ended).toMatchObject({ status: 'completed', moment: 'completed', endReason: 'journey ended at day 90' });
    revisions.push(await revision(subscriberId));
    expect([...revisions].sort((a, b) => a - b)).toEqual(revisions);
    expect(new Set(revisions).size).toBe(revisions.length);

    // No worker: a query would wait for one and answer 503; the record answers at once.
    await harness.stopWorker();
    try {
      const { status, body } = await getJourney(subscriberId);
      expect(status).toBe(200);
      const { readFrom, bssOrders, links, ...state } = body;
      expect(readFrom).toMatchObject({ from: 'record', workflowRemoved: false });
      expect(bssOrders).toEqual([]);
      expect(links.self).toBe(`/v1/subscribers/${subscriberId}`);
      expect(state).toEqual(ended);
    } finally {
      await harness.startWorker();
    }
  });

  it('keeps a newer record from a late or retried older write', async () => {
    const harness = api().journeys;
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    await harness.task(handle, 'onboarding_coaching');
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 1, dataMB: 1, sms: 1 });
    const current = await recordCaughtUp(handle, subscriber.subscriberId);
    const stored = await revision(subscriber.subscriberId);
    const stale = { ...current, tier: 'diamond' as const };
    const { prisma, protection } = harness;
    expect(await writeJourneyRecord(prisma, protection.sealed, { state: stale, revision: stored })).toBe(false);
    expect(await writeJourneyRecord(prisma, protection.sealed, { state: stale, revision: 0 })).toBe(false);
    expect((await record(subscriber.subscriberId))?.state).toEqual(current);
    await harness.leave(handle);
  });

  it('is built once from the workflow for a journey that ended before the record existed', async () => {
    const harness = api().journeys;
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    await harness.task(handle, 'onboarding_coaching');
    await harness.leave(handle);
    const { subscriberId } = subscriber;
    // As a journey of an earlier release left it: ended, no record.
    await harness.prisma.journey.update({ where: { subscriberId }, data: { record: null, recordRevision: 0 } });

    const first = await getJourney(subscriberId);
    expect(first.status).toBe(200);
    expect(first.body.readFrom).toEqual({ from: 'workflow', workflowRemoved: false });
    expect(first.body.status).toBe('cancelled');
    const rebuilt = await record(subscriberId);
    expect(rebuilt?.state).toEqual(await harness.state(handle));
    expect(await revision(subscriberId)).toBe(0);

    await harness.stopWorker();
    try {
      const second = await getJourney(subscriberId);
      expect(second.status).toBe(200);
      expect(second.body.readFrom.from).toBe('record');
    } finally {
      await harness.startWorker();
    }
  });

  it('is dropped by an erasure', async () => {
    const harness = api().journeys;
    const subscriber = await harness.activation();
    const handle = await harness.startJourney(subscriber);
    await harness.task(handle, 'onboarding_coaching');
    await harness.leave(handle);
    expect(await record(subscriber.subscriberId)).toBeDefined();
    const supervisor = await api().signIn('supervisor.sun');
    const erased = await api().call('POST', `/v1/subscribers/${subscriber.subscriberId}/erasure`, {
      token: supervisor,
      body: { reason: 'the customer asked' },
      route: '/v1/subscribers/:id/erasure',
    });
    expect(erased.status).toBe(200);
    expect(await record(subscriber.subscriberId)).toBeUndefined();
    expect((await getJourney(subscriber.subscriberId)).status).toBe(410);
  });
});
