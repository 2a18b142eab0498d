import { usageReported } from '../workflows/messages';
import type { TaskOutcome } from '../workflows/tasks';
import { allDone, JourneyHarness, staff } from './support/journey-harness';

// Scenario 1 (docs/journey.md#scenario-1-a-standard-subscriber-every-task-on-time): a standard
// prepaid subscriber whose every task is done on time.
describe('standard prepaid subscriber, every task completed on time', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start();
  });
  afterAll(() => harness?.stop());

  it('runs the 90 days: activation SMS, coaching, follow-up, telemarketing, then the summary', async () => {
    const subscriber = await harness.activation({ contract: { prepay: 950, monthlyReturn: 39 } });
    const handle = await harness.startJourney(subscriber);

    const coaching = await harness.task(handle, 'onboarding_coaching');
    expect(coaching).toMatchObject({
      role: 'store',
      storeId: 'JN001',
      payload: { contract: { monthlyOutOfPocket: 27 } },
    });
    expect(coaching.payload.checklist).toEqual([
      'plan_tariff',
      'contract_terms',
      'service_channels',
      'billing_payment',
      'data_usage_notes',
      'club_recommendation',
      'internet_setup',
    ]);
    expect(Date.parse(coaching.dueAt) - Date.parse(subscriber.activatedAt)).toBe(3 * 86_400_000);
    await harness.complete(handle, 'onboarding_coaching', staff.storeClerk, allDone(coaching));

    await harness.advance(4);
    const followup = await harness.task(handle, 'first_followup_call');
    expect(Date.parse(followup.dueAt) - Date.parse(subscriber.activatedAt)).toBe(10 * 86_400_000);
    await harness.complete(handle, 'first_followup_call', staff.followup, {
      result: 'reached',
      issues: [],
      feedback: '满意',
    });
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 40, dataMB: 290, sms: 5 });

    await harness.advance(26);
    const telemarketing = await harness.task(handle, 'vas_telemarketing');
    const recommended = telemarketing.payload.recommendations as { code: string }[];
    expect(recommended.length).toBeGreaterThanOrEqual(1);
    expect(recommended.length).toBeLessThanOrEqual(5);
    const accepted: TaskOutcome<'vas_telemarketing'> = { result: 'accepted', accepted: [recommended[0]!.code] };
    await harness.complete(handle, 'vas_telemarketing', staff.telemarketing, accepted);

    const summary = await handle.result();
    expect(summary).toMatchObject({
      status: 'completed',
      endReason: 'journey ended at day 90',
      momentsReached: [
        'activation',
        'onboarding_coaching',
        'first_followup',
        'service_recommendation',
        'plan_fit',
        'completed',
      ],
      tasksByStatus: { open: 0, completed: 3, expired: 0, superseded: 0, cancelled: 0 },
      slaBreaches: [],
      smsSent: 3,
    });
    expect(summary.tasks.map((task) => task.type)).toEqual([
      'onboarding_coaching',
      'first_followup_call',
      'vas_telemarketing',
    ]);

    const outbox = await harness.prisma.smsMessage.findMany({
      where: { subscriberId: subscriber.subscriberId },
      orderBy: { createdAt: 'asc' },
    });
    expect(outbox.map((sms) => [sms.template, sms.category, sms.status])).toEqual([
      ['welcome', 'service', 'sent'],
      ['help_menu', 'service', 'sent'],
      ['marketing_vas', 'marketing', 'sent'],
    ]);
    expect(await harness.outboxText(outbox[0]!)).toContain('您所使用的是A计划套餐，即每月套餐月费为66元');
    const rows = await harness.prisma.task.findMany({ where: { subscriberId: subscriber.subscriberId } });
    expect(rows.map((row) => row.status)).toEqual(['completed', 'completed', 'completed']);
    const journey = await harness.prisma.journey.findUniqueOrThrow({
      where: { subscriberId: subscriber.subscriberId },
    });
    expect(journey).toMatchObject({ status: 'completed', moment: 'completed' });
  });
});
