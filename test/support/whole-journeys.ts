import { usageReported, vipRated } from '../../workflows/messages';
import { compressedSchedule } from '../../workflows/schedule';
import { allDone, eventually, JourneyHarness, staff, type JourneyHandle } from './journey-harness';
import type { RealServer } from './servers';

const serverNames: Record<RealServer, string> = { dev: 'the dev server', cluster: 'the cluster' };

/**
 * End to end on a real Temporal server (no time skipping): a compressed schedule (a day lasts
 * 400 ms, or `msPerDay`) runs two whole journeys side by side with staff completing every task through updates.
 * With `replayEveryTask` the worker caches no workflow, so every workflow task replays the whole
 * history first, updates included, as after a worker restart: a nondeterministic path would fail a
 * workflow task there. `more` adds cases on the same harness (and server).
 */
export function describeWholeJourneys(
  server: RealServer,
  options: {
    replayEveryTask: boolean;
    ui?: boolean;
    /** How long a journey day lasts (default 400 ms): staff must finish each task before day 90. */
    msPerDay?: number;
    more?: (harness: () => JourneyHarness) => void;
  },
): void {
  describe(`whole journeys on ${serverNames[server]}`, () => {
    const msPerDay = options.msPerDay ?? 400;
    const schedule = compressedSchedule(msPerDay);
    let harness: JourneyHarness;
    beforeAll(async () => {
      harness = await JourneyHarness.start({
        server,
        ui: options.ui,
        maxCachedWorkflows: options.replayEveryTask ? 0 : undefined,
      });
    }, 120_000);
    afterAll(() => harness?.stop());

    async function completeCoaching(handle: JourneyHandle) {
      const task = await harness.task(handle, 'onboarding_coaching');
      await harness.complete(handle, 'onboarding_coaching', staff.storeClerk, allDone(task));
    }

    async function standardJourney(handle: JourneyHandle) {
      await completeCoaching(handle);
      await harness.complete(handle, 'first_followup_call', staff.followup, {
        result: 'reached',
        issues: [{ category: 'billing', handling: '已讲解' }],
      });
      await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 40, dataMB: 290, sms: 5 });
      await harness.complete(handle, 'vas_telemarketing', staff.telemarketing, { result: 'declined' });
      return handle.result();
    }

    async function vipJourney(handle: JourneyHandle) {
      await handle.signal(vipRated, { tier: 'gold' });
      await completeCoaching(handle);
      await harness.complete(handle, 'vip_first_call', staff.managerLi, {
        result: 'reached',
        tierRightsExplained: true,
      });
      await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 600, dataMB: 50, sms: 5 });
      await harness.complete(handle, 'payment_reminder_call', staff.managerLi, { result: 'reached' });
      await harness.complete(handle, 'vip_service_recommendation', staff.managerLi, {
        result: 'reached',
        accepted: [],
        clubInvitationAccepted: false,
      });
      await harness.complete(handle, 'vas_telemarketing', staff.telemarketing, { result: 'not_reached' });
      await harness.complete(handle, 'plan_fit_consultation', staff.managerLi, { result: 'declined' });
      return handle.result();
    }

    it('a standard and a VIP journey run to day 90 with every task completed', async () => {
      const standard = await harness.activation();
      const vipBase = await harness.activation({ paymentType: 'postpaid' });
      const vip = {
        ...vipBase,
        firstPaymentDueAt: new Date(Date.parse(vipBase.activatedAt) + 45 * msPerDay).toISOString(),
      };
      const [standardHandle, vipHandle] = await Promise.all([
        harness.startJourney(standard, { schedule }),
        harness.startJourney(vip, { schedule }),
      ]);
      const [standardSummary, vipSummary] = await Promise.all([standardJourney(standardHandle), vipJourney(vipHandle)]);

      // As an engineer searches the Temporal Web UI: the gold journey of store JN001, by its masked number.
      const masked = `${vip.msisdn.slice(0, 3)}****${vip.msisdn.slice(7)}`;
      const query = `JourneyTier = 'gold' AND JourneyStoreId = 'JN001' AND SubscriberMsisdnMasked = '${masked}'`;
      await eventually(async () => {
        const ids: string[] = [];
        for await (const execution of harness.env.client.workflow.list({ query })) ids.push(execution.workflowId);
        expect(ids).toEqual([vipHandle.workflowId]);
      });
      expect((await vipHandle.describe()).searchAttributes.JourneyMoment).toEqual(['completed']);

      expect(standardSummary).toMatchObject({ status: 'completed', tasksByStatus: { completed: 3, expired: 0 } });
      expect(vipSummary).toMatchObject({ status: 'completed', tasksByStatus: { completed: 6, expired: 0 } });
      for (const handle of [standardHandle, vipHandle]) {
        const history = await handle.fetchHistory();
        // No workflow task failed on the way: the code ran the journey deterministically the first time.
        expect(history.events?.filter((event) => event.workflowTaskFailedEventAttributes)).toEqual([]);
      }
    }, 200_000);

    options.more?.(() => harness);
  });
}
