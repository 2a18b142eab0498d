import { condition, patched } from '@temporalio/workflow';
import { activities } from './activity-proxies';
import { isVip, type PlanTerms, type Tier } from '../domain/vocabulary';
import { activityFailures, failedWith } from './failure-types';
import { withinBoundary } from './moment-boundary';
import type { QueuedEvent, RunningJourney } from './running-journey';
import { HOUR_MS } from './schedule';
import { classifyReply } from '../domain/sms-replies';
import { tellPlanChangeRefused } from './moments/followup-issues';
import { scriptFacts } from './moments/scripts';
import { patches } from './patches';

/**
 * Handles queued events until the journey's end; events still queued then are past the journey. Each
 * event is handled inside its own boundary: one that fails is reported and the next is handled.
 */
export async function processEvents(journey: RunningJourney): Promise<void> {
  for (;;) {
    await condition(() => journey.events.length > 0 || journey.clock.timeIsUp);
    if (journey.clock.timeIsUp) return;
    const event = journey.events.shift();
    if (!event) continue;
    await withinBoundary(journey, `event_${event.type}`, () => handleEvent(journey, event));
    await journey.record.afterEvent();
  }
}

async function handleEvent(journey: RunningJourney, event: QueuedEvent): Promise<void> {
  const { state } = journey;
  switch (event.type) {
    case 'tierChanged': {
      const from = state.tier;
      journey.note('tier_changed', { from, to: event.tier });
      if (patched(patches.dndDefaultWithTier.id)) {
        // The tier and its DND default change together, before either is written: a moment deciding
        // while they are (telemarketing) never sees a diamond customer without the default.
        await Promise.all([journey.setTier(event.tier), followTierChange(journey, from, event.tier)]);
        return;
      }
      await journey.setTier(event.tier);
      if (patched(patches.tierChangeFollowThrough.id)) await followTierChange(journey, from, event.tier);
      return;
    }
    case 'dndChanged':
      await journey.setDnd(event.on, 'event', 'event');
      if (event.on) await stopTelemarketing(journey);
      return;
    case 'usageReported':
      state.usage = [...state.usage.filter((month) => month.month !== event.usage.month), event.usage].sort((a, b) =>
        a.month.localeCompare(b.month),
      );
      journey.note('usage_reported', { month: event.usage.month });
      await activities.recordUsage.executeWithOptions({ summary: 'usage reported: record it' }, [
        { subscriberId: journey.subscriberId, usage: event.usage },
      ]);
      return;
    case 'paymentMade':
      state.paymentMadeAt ??= event.at;
      journey.note('payment_made', { at: event.at });
      for (const task of journey.tasks.openTasks('payment_reminder_call'))
        await journey.tasks.end(task, 'cancelled', 'paid');
      return;
    case 'planChanged': {
      let plan: PlanTerms;
      try {
        plan = await activities.loadPlan.executeWithOptions({ summary: 'plan changed: load the new plan' }, [
          { planCode: event.planCode },
        ]);
      } catch (error) {
        // A bad event must not end the journey: it is recorded and the old plan stays.
        if (!failedWith(error, activityFailures.unknownPlan)) throw error;
        journey.note('plan_change_refused', { planCode: event.planCode, reason: 'unknown plan code' });
        return;
      }
      journey.note('plan_changed', { from: state.plan?.code, to: plan.code });
      state.plan = plan;
      await activities.updateSubscriber.executeWithOptions({ summary: 'plan changed: update the subscriber' }, [
        { subscriberId: journey.subscriberId, planCode: plan.code },
      ]);
      return;
    }
    case 'networkTicketResolved': {
      const ticket = state.networkTickets.find((candidate) => candidate.ticketId === event.ticketId);
      if (!ticket || ticket.status === 'resolved') return;
      ticket.status = 'resolved';
      journey.note('network_ticket_resolved', { ticketId: event.ticketId });
      await activities.resolveNetworkTicket.executeWithOptions({ summary: 'network ticket resolved' }, [
        { ticketId: event.ticketId },
      ]);
      return;
    }
    case 'bssOrderRejected':
      tellPlanChangeRefused(journey, event);
      return;
    case 'hotlineAbnormalHangup':
      if (!isVip(state.tier)) {
        journey.note('hotline_hangup_ignored', { reason: 'not a VIP' });
        return;
      }
      if (state.tasks.some((task) => task.id === `${state.journeyId}:hotline_callback:${event.at}`)) return;
      journey.spawn('hotline_callback', () =>
        journey.tasks.run({
          key: `hotline_callback:${event.at}`,
          type: 'hotline_callback',
          role: 'hotline',
          deadline: { workingHours: journey.schedule.hotlineCallback.dueHours, from: Date.parse(event.at) },
          dueAt: Date.parse(event.at) + journey.schedule.hotlineCallback.dueHours * HOUR_MS,
          payload: { hangupAt: event.at, tier: state.tier, msisdn: state.subscriber.msisdn },
        }),
      );
      return;
    case 'inboundSms':
      if (patched(patches.marketingReplies.id)) await answerReply(journey, event.messageId, event.text);
      else await journey.sms.replyTo(event.messageId, event.text);
      return;
  }
}

/**
 * What a new tier changes beyond itself. A subscriber rated diamond (usually days after activation)
 * becomes do-not-disturb by default, as the plan says, and one leaving diamond loses that default
 * unless the DND was their own wish. One dropping to standard loses the account manager: the open
 * manager's tasks end (the assignment itself ends in `updateSubscriber`, freeing the capacity).
 */
async function followTierChange(journey: RunningJourney, from: Tier, to: Tier): Promise<void> {
  const { state } = journey;
  if (to === 'diamond' && from !== 'diamond' && !state.dnd) {
    await journey.setDnd(true, 'diamond customers are do-not-disturb by default', 'diamond_default');
    await stopTelemarketing(journey);
  } else if (from === 'diamond' && to !== 'diamond' && state.dnd && state.dndSource === 'diamond_default') {
    await journey.setDnd(false, 'no longer diamond', 'diamond_default');
  }
  if (to === 'standard' && isVip(from)) {
    for (const task of journey.tasks.openTasks().filter((open) => open.role === 'account_manager')) {
      await journey.tasks.end(task, 'cancelled', 'no longer VIP');
    }
    if (state.accountManager) journey.note('account_manager_released', { staffId: state.accountManager.staffId });
    delete state.accountManager;
  }
}

/** DND stops marketing contact: an open telemarketing call ends (service contact goes on). */
async function stopTelemarketing(journey: RunningJourney): Promise<void> {
  for (const task of journey.tasks.openTasks('vas_telemarketing')) {
    await journey.tasks.end(task, 'cancelled', 'do-not-disturb');
  }
}

/**
 * An SMS from the subscriber: TD (退订) stops marketing, confirmed by SMS; naming a service the
 * marketing SMS offered opens an order call for telemarketing; anything else gets the help menu's answer.
 */
async function answerReply(journey: RunningJourney, messageId: string, text: string): Promise<void> {
  const reply = classifyReply(text, journey.state.marketingOffers);
  switch (reply.kind) {
    case 'unsubscribe':
      journey.note('marketing_unsubscribed', { by: 'sms' });
      await journey.setDnd(true, 'replied TD to stop marketing', 'customer');
      await stopTelemarketing(journey);
      await journey.sms.send(`inbound-${messageId}`, { template: 'unsubscribe_confirmed', values: {} });
      return;
    case 'order': {
      const { service } = reply;
      journey.note('service_ordered_by_sms', { code: service.code });
      journey.spawn('vas_order', () =>
        journey.tasks.run({
          key: `vas_order:${messageId}`,
          type: 'vas_order',
          role: 'telemarketing',
          deadline: { workingDays: 1 },
          dueAt: Date.now() + VAS_ORDER_DUE_HOURS * HOUR_MS,
          payload: { service, ...scriptFacts(journey) },
        }),
      );
      return;
    }
    case 'help':
      await journey.sms.replyTo(messageId, text);
      return;
  }
}

/** An order by SMS is called back within a working day (the customer is waiting); 24 hours in calendar days. */
const VAS_ORDER_DUE_HOURS = 24;
