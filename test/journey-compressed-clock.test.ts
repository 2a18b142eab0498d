import { businessInstant, realInstant } from '../domain/simulated-clock';
import { vipRated } from '../workflows/messages';
import { compressedSchedule } from '../workflows/schedule';
import { JourneyHarness } from './support/journey-harness';

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
    // morning (and then takes its activity's few business hours), never the night.
    const morning = Date.parse('2026-10-21T00:00:00.000Z'); // 08:00 in Beijing
    expect(marketingAt).toBeGreaterThanOrEqual(morning - clock.factor);
    expect(marketingAt).toBeLessThan(morning + 8 * 3_600_000);
    await harness.leave(handle);
  }, 150_000);
});
