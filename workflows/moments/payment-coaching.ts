import { tierAtLeast } from '../../domain/vocabulary';
import type { RunningJourney } from '../running-journey';
import { DAY_MS } from '../schedule';
import { scriptFacts } from './scripts';

/**
 * M3 — payment coaching before the first bill (辅导缴费时刻), postpaid gold-and-above only: a service
 * SMS (how and by when to pay, to avoid suspension) and the account manager's reminder call due a day
 * before the due date. A payment before then cancels both; a tier reached after the due date skips it.
 */
export async function paymentCoaching(journey: RunningJourney): Promise<void> {
  const { subscriber, firstPaymentDueAt } = journey.state;
  const { minimumTier, reminderLeadDays, callDueDaysBefore } = journey.schedule.paymentCoaching;
  if (subscriber.paymentType !== 'postpaid') return;
  const due = Date.parse(firstPaymentDueAt);
  const paid = () => journey.state.paymentMadeAt !== undefined;

  const rated = () => tierAtLeast(journey.state.tier, minimumTier);
  if (!(await journey.clock.waitUntil(rated, due, `until ${minimumTier} or above, before the first bill`))) {
    journey.note('payment_coaching_skipped', {
      reason: `tier ${journey.state.tier} below ${minimumTier} before the due date`,
    });
    return;
  }
  if (Date.now() >= due) {
    journey.note('payment_coaching_skipped', { reason: 'tier reached after the first payment due date' });
    return;
  }
  if (
    await journey.clock.waitUntil(
      paid,
      due - reminderLeadDays * DAY_MS,
      `${reminderLeadDays} days before the first bill: remind`,
    )
  ) {
    journey.note('payment_coaching_skipped', { reason: 'paid before the reminder' });
    return;
  }
  if (journey.clock.timeIsUp) return;
  await journey.enterMoment('payment_coaching');
  await journey.sms.send('payment_reminder', { template: 'payment_reminder', values: { dueAt: firstPaymentDueAt } });
  const manager = journey.state.accountManager!;
  await journey.tasks.run({
    key: 'payment_reminder_call',
    type: 'payment_reminder_call',
    role: 'account_manager',
    assigneeId: manager.staffId,
    deadline: { by: due - callDueDaysBefore * DAY_MS },
    dueAt: due - callDueDaysBefore * DAY_MS,
    payload: { firstPaymentDueAt, ...scriptFacts(journey) },
  });
}
