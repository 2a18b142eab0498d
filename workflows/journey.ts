import {
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  setHandler,
} from '@temporalio/workflow';
import { activities } from './activity-proxies';
import { processEvents } from './events';
import { RunningJourney } from './running-journey';
import * as messages from './messages';
import { withinBoundary } from './moment-boundary';
import { activationSms } from './moments/activation';
import { firstFollowup } from './moments/first-followup';
import { endJourney } from './moments/journey-end';
import { onboardingCoaching } from './moments/onboarding-coaching';
import { paymentCoaching } from './moments/payment-coaching';
import { planFit } from './moments/plan-fit';
import { serviceRecommendation } from './moments/service-recommendation';
import { vipService } from './moments/vip-service';
import type { JourneyInput, JourneySummary } from './state';
import { patches } from './patches';

/**
 * One subscriber's 90-day onboarding journey (docs/journey.md). The moments run side by side on
 * durable timers; business events and staff completions arrive as signals and updates. The journey
 * ends at day 90, or earlier when the subscriber leaves, and returns its summary.
 */
export async function onboardingJourney(input: JourneyInput): Promise<JourneySummary> {
  const journey = new RunningJourney(input);
  listen(journey);
  journey.publishSearchAttributes();
  const welcome = welcomeBesideRegistration(journey, input);
  welcome.catch(() => undefined); // awaited below, after the registration; not an unhandled rejection meanwhile
  const { plan } = await activities.registerJourney.executeWithOptions({ summary: 'register the journey' }, [
    { journeyId: journey.state.journeyId, subscriber: input.subscriber },
  ]);
  journey.state.plan = plan;
  await welcome;

  // Every moment ends by day 90 on its own; only a subscriber leaving cuts the timeline short. Each
  // runs inside its boundary: an unexpected error ends that moment alone (moment-boundary.ts).
  // Journeys from before VIP service came in rounds ran payment coaching inside it.
  const vipRounds = patched(patches.vipServiceRounds.id);
  const moment = (part: string, run: (journey: RunningJourney) => Promise<void>) =>
    withinBoundary(journey, part, () => run(journey));
  const timeline = new CancellationScope();
  const moments = timeline.run(async () => {
    await Promise.all([
      journey.clock.keepTime(),
      moment('activation', activationSms),
      moment('onboarding_coaching', onboardingCoaching),
      moment('first_followup', firstFollowup),
      moment('vip_service', (journey) => vipService(journey, { legacy: !vipRounds })),
      ...(vipRounds ? [moment('payment_coaching', (journey) => paymentCoaching(journey, { ownMoment: true }))] : []),
      moment('service_recommendation', serviceRecommendation),
      moment('plan_fit', planFit),
      processEvents(journey),
      journey.tasks.saveChanges(),
    ]);
    await journey.background.finished();
  });
  const left = condition(() => journey.leftReason !== undefined);
  await Promise.race([moments, left, journey.background.failure]);
  if (journey.leftReason !== undefined) {
    timeline.cancel();
    await moments.catch((error: unknown) => {
      if (!isCancellation(error)) throw error;
    });
  }

  const summary = await CancellationScope.nonCancellable(() => endJourney(journey));
  await condition(allHandlersFinished);
  return summary;
}

/**
 * The welcome SMS, sent beside the journey's registration when the activation brought the plan's terms:
 * the subscriber hears from us one activity after the start instead of two, which under a burst of
 * activations is what keeps the first SMS prompt. The activation moment then finds it sent. Journeys
 * that started before this change registered first, and replay so (the patch marker is absent).
 */
function welcomeBesideRegistration(journey: RunningJourney, input: JourneyInput): Promise<void> {
  if (!input.plan || !patched(patches.welcomeBesideRegistration.id)) return Promise.resolve();
  return journey.sms.send('welcome', { template: 'welcome', values: { plan: input.plan } });
}

/** Signals queue events; `subscriberLeft` ends the journey; completions are validated updates. */
function listen(journey: RunningJourney): void {
  const queue = journey.events;
  setHandler(messages.vipRated, ({ tier }) => void queue.push({ type: 'tierChanged', tier }));
  setHandler(messages.tierChanged, ({ tier }) => void queue.push({ type: 'tierChanged', tier }));
  setHandler(messages.dndChanged, ({ on }) => void queue.push({ type: 'dndChanged', on }));
  setHandler(messages.usageReported, (usage) => void queue.push({ type: 'usageReported', usage }));
  setHandler(messages.paymentMade, ({ at }) => void queue.push({ type: 'paymentMade', at }));
  setHandler(messages.planChanged, ({ planCode }) => void queue.push({ type: 'planChanged', planCode }));
  setHandler(
    messages.networkTicketResolved,
    ({ ticketId }) => void queue.push({ type: 'networkTicketResolved', ticketId }),
  );
  setHandler(messages.bssOrderRejected, (rejection) => void queue.push({ type: 'bssOrderRejected', ...rejection }));
  setHandler(messages.hotlineAbnormalHangup, ({ at }) => void queue.push({ type: 'hotlineAbnormalHangup', at }));
  setHandler(messages.inboundSms, ({ messageId, text }) => void queue.push({ type: 'inboundSms', messageId, text }));
  setHandler(messages.subscriberLeft, ({ reason }) => {
    journey.leftReason ??= reason;
  });
  setHandler(messages.completeTask, ({ taskId, actor, outcome }) => journey.tasks.complete(taskId, actor, outcome), {
    validator: ({ taskId, actor, outcome }) => journey.tasks.validateCompletion(taskId, actor, outcome),
  });
  setHandler(messages.reassignTask, ({ taskId, actor, assignee }) => journey.tasks.reassign(taskId, actor, assignee), {
    validator: ({ taskId, actor, assignee }) => journey.tasks.validateReassignment(taskId, actor, assignee),
  });
  setHandler(messages.journeyState, () => journey.state);
}
