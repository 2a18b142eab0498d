import { businessInstant, realInstant } from '../domain/simulated-clock';
import { vipRated } from '../workflows/messages';
import { compressedSchedule } from '../workflows/schedule';
import { eventually, JourneyHarness } from './support/journey-harness';

// Compressed days compress every instant the journey derives (domain/simulated-clock.ts): on a real
// dev server with days of 2 s, a journey activated at 22:00 on 20 September (business clock) is due
// to pay at the end of September, is reminded five days before, and its day-30 marketing SMS waits
// out the night to 08:00. On real time none of this would happen inside the test.
describe('compressed days on the business clock', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start({ server: 'dev' });
  });
  afterAll(() => harness?.stop());

  it('month end, payment reminder and quiet hours follow the business clock', async () => {
    const schedule = compressedSchedule(2_000, { simulated: '2026-09-20T14:00:00.000Z' }); // 22:00 in Beijing
    const clock = schedule.simulatedClock!;
    const subscriber = await harness.activation({ paymentType: 'postpaid' });
    const handle = await harness.startJourney(subscriber, { schedule });
    await handle.signal(vipRated, { tier: 'gold' });

    const started = await harness.state(handle);
    // 30 September 23:59:59 in Beijing, on the business clock (a real millisecond is 43.2 business seconds).
    expect(businessInstant(clock, Date.parse(started.firstPaymentDueAt))).toBeWithin(
      Date.parse('2026-09-30T15:59:59.000Z'),
      clock.factor,
    );
    expect(Date.parse(started.firstPaymentDueAt)).toBe(realInstant(clock, Date.parse('2026-09-30T15:59:59.000Z')));

    const reminded = await harness.until(
      handle,
      (s) => s.sms.some((sms) => sms.template === 'payment_reminder'),
      40_000,
    );
    const reminderAt = businessInstant(
      clock,
      Date.parse(reminded.sms.find((s) => s.template === 'payment_reminder')!.at),
    );
    // Five business days before the due date; the SMS activity's own few hundred real ms are hours here.
    const remindFrom = Date.parse('2026-09-25T15:59:59.000Z');
    expect(reminderAt).toBeGreaterThanOrEqual(remindFrom - clock.factor);
    expect(reminderAt).toBeLessThan(remindFrom + 12 * 3_600_000);

    const marketed = await harness.until(handle, (s) => s.sms.some((sms) => sms.template === 'marketing_vas'), 90_000);
    const marketingAt = businessInstant(
      clock,
      Date.parse(marketed.sms.find((s) => s.template === 'marketing_vas')!.at),
    );
    // Day 30 is 20 October at 22:00, inside quiet hours (21:00–08:00): the SMS waits for 08:00 the next
    // morning (and then takes its activity's business hours: a real second is 12 of them), never the night.
    const morning = Date.parse('2026-10-21T00:00:00.000Z'); // 08:00 in Beijing
    expect(marketingAt).toBeGreaterThanOrEqual(morning - clock.factor);
    expect(marketingAt).toBeLessThan(morning + 13 * 3_600_000); // before 21:00
    await harness.leave(handle);
  }, 150_000);

  // Found by the simulation under load: a manager found on a retry of the assignment was dated when
  // the first try began, so on compressed days the first call fell due before it was even opened.
  it('a manager found on a retry of the assignment is dated at that try, and the first call gets its 7 days', async () => {
    const msPerDay = 1_000;
    const schedule = compressedSchedule(msPerDay);
    const managers = await harness.prisma.staff.findMany({
      where: { role: 'account_manager' },
      select: { id: true, capacity: true },
    });
    await harness.prisma.staff.updateMany({ where: { role: 'account_manager' }, data: { capacity: 0 } });
    try {
      const subscriber = await harness.activation({ tier: 'gold' });
      const handle = await harness.startJourney(subscriber, { schedule });
      const requestedAt = Date.now();
      // Nobody free: the assignment's first try failed and its second waits out its 10 s backoff.
      await eventually(async () => {
        const { raw } = await handle.describe();
        const pending = raw.pendingActivities?.find((a) => a.activityType?.name === 'assignAccountManager');
        expect(pending?.attempt).toBeGreaterThanOrEqual(2);
      }, 15_000);
      await harness.prisma.staff.update({ where: { id: 'S-AM-JN-LI' }, data: { capacity: 50 } });

      const assignment = await eventually(
        () => harness.prisma.vipAssignment.findFirstOrThrow({ where: { subscriberId: subscriber.subscriberId } }),
        30_000,
      );
      expect(assignment.managerId).toBe('S-AM-JN-LI');
      // Dated at the try that found the manager (after its backoff), weeks of the journey after the request.
      expect(assignment.assignedAt.getTime() - requestedAt).toBeGreaterThanOrEqual(9 * msPerDay);
      const firstCall = await harness.task(handle, 'vip_first_call');
      expect(Date.parse(firstCall.availableAt)).toBeGreaterThanOrEqual(assignment.assignedAt.getTime());
      expect(Date.parse(firstCall.dueAt) - assignment.assignedAt.getTime()).toBeWithin(7 * msPerDay, 50);
      await harness.leave(handle);
    } finally {
      for (const { id, capacity } of managers) await harness.prisma.staff.update({ where: { id }, data: { capacity } });
    }
  }, 90_000);
});
