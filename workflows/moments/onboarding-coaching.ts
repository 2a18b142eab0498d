import { isVip } from '../domain';
import type { RunningJourney } from '../running-journey';
import { coachingItems, type CoachingItem } from '../tasks';
import { scriptFacts } from './scripts';

/** The checklist for this subscriber: number-change coaching only for port-ins, tier rights only for VIPs. */
export function coachingChecklist(journey: RunningJourney): CoachingItem[] {
  return coachingItems.filter((item) => {
    if (item === 'number_change_coaching') return journey.state.subscriber.portIn;
    if (item === 'tier_rights') return isVip(journey.state.tier);
    return true;
  });
}

/** M1 — onboarding coaching, day 0–3 (入网辅导时刻): the activating store works through the checklist. */
export async function onboardingCoaching(journey: RunningJourney): Promise<void> {
  await journey.enterMoment('onboarding_coaching');
  await journey.tasks.run({
    key: 'onboarding_coaching',
    type: 'onboarding_coaching',
    role: 'store',
    storeId: journey.state.subscriber.storeId,
    dueAt: journey.clock.day(journey.schedule.onboardingCoaching.dueDays),
    payload: { checklist: coachingChecklist(journey), ...scriptFacts(journey) },
  });
}
