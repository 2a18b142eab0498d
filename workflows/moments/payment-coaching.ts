import { condition, patched } from '@temporalio/workflow';
import { isVip, tierAtLeast } from '../../domain/vocabulary';
import type { RunningJourney } from '../running-journey';
import { DAY_MS } from '../schedule';
import { scriptFacts } from './scripts';
import { patches } from '../patches';

/**
 * M3 — payment coaching before the first bill (辅导缴费时刻), postpaid gold-and-above only: a service
 * SMS (how and by when to pay, to avoid suspension) and the account manager's reminder call due a day
 * before the due date. A payment before then cancels both; a tier reached after the due date skips it,
 * and so does a tier lost by the time the reminder falls due (the tier is checked when it fires).
 *
 * `ownMoment`: the journey runs it beside the others from the start; journeys from before ran it
 * inside the VIP service once a manager was assigned (vip-service.ts), and replay so.
 */
export async function paymentCoaching(journey: RunningJourney, { ownMoment }: { ownMoment: boolean }): Promise<void> {
  const { subscriber, firstPaymentDueAt } = journey.state;
  const { minimumTier, reminderLeadDays, callDueDaysBefore } = journey.schedule.paymentCoaching;
  if (subscriber.paymentType !== 'postpaid') return;
  const due = Date.parse(firstPaymentDueAt);
  const paid = () => journey.state.paymentMadeAt !== undefined;
  const rated = () => tierAtLeast(journey.state.tier, minimumTier);
  const skip = (reason: string) => journey.note('payment_coaching_skipped', { reason });

  if (!(await journey.clock.waitUntil(rated, due, `until ${minimumTier} or above, before the first bill`))) {
    if (!ownMoment || isVip(journey.state.tier)) {
      skip(`tier ${journey.state.tier} below ${minimumTier} before the due date`);
      return;
    }
    // As its own moment it waits for every postpaid customer: a rating after the due date is recorded
    // as too late, when it comes (no timer: the rating or the journey's end wakes it).
    await condition(() => rated() || journey.clock.timeIsUp);
    if (rated()) skip('tier reached after the first payment due date');
    return;
  }
  if (Date.now() >= due) {
    skip('tier reached after the first payment due date');
    return;
  }
  if (
    await journey.clock.waitUntil(
      paid,
      due - reminderLeadDays * DAY_MS,
      `${reminderLeadDays} days before the first bill: remind`,
    )
  ) {
    skip('paid before the reminder');
    return;
  }
  if (journey.clock.timeIsUp) return;
  if (!rated() && (ownMoment || patched(patches.paymentReminderRechecksTier.id))) {
    skip(`tier ${journey.state.tier} below ${minimumTier} when the reminder fell due`);
    return;
  }
  await journey.enterMoment('payment_coaching');
  await journey.sms.send('payment_reminder', { template: 'payment_reminder', values: { dueAt: firstPaymentDueAt } });
  // Journeys from before the check above sent the SMS to a customer no longer gold; the call stops here.
  if (!rated()) {
    skip(`tier ${journey.state.tier} below ${minimumTier} when the reminder call was to open`);
    return;
  }
  // A gold VIP whose manager is still being assigned: the call opens for the managers of the store,
  // and the supervisor (who sees every task) gives it to one.
  const manager = journey.state.accountManager;
  if (!manager) journey.note('payment_reminder_unassigned', { reason: 'no account manager yet' });
  await journey.tasks.run({
    key: 'payment_reminder_call',
    type: 'payment_reminder_call',
    role: 'account_manager',
    ...(manager ? { assigneeId: manager.staffId } : { storeId: subscriber.storeId }),
    deadline: { by: due - callDueDaysBefore * DAY_MS },
    dueAt: due - callDueDaysBefore * DAY_MS,
    // The plan's window is "before the first payment": when no working time is left by the day before,
    // the call is due at the last working moment before the bill.
    windowEndsAt: due,
    payload: { firstPaymentDueAt, ...scriptFacts(journey) },
  });
}
