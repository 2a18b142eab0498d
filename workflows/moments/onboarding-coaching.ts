import { patched } from '@temporalio/workflow';
import { isVip } from '../../domain/vocabulary';
import type { RunningJourney } from '../running-journey';
import { activities } from '../activity-proxies';
import { DAY_MS } from '../schedule';
import { coachingItems, type CoachingItem, type TaskOutcome } from '../tasks';
import { scriptFacts } from './scripts';
import { patches } from '../patches';

/**
 * The checklist for this subscriber: number-change coaching for a customer who replaces an old number
 * (换号入网), tier rights only for VIPs. A port-in keeps its number; journeys that opened their checklist
 * before the activation could say which keep the port-in's coaching their history holds.
 */
export function coachingChecklist(journey: RunningJourney): CoachingItem[] {
  const { subscriber } = journey.state;
  const numberChange = patched(patches.numberChangeByPreviousNumber.id)
    ? subscriber.previousMsisdn !== undefined
    : subscriber.portIn;
  return coachingItems.filter((item) => {
    if (item === 'number_change_coaching') return numberChange;
    if (item === 'tier_rights') return isVip(journey.state.tier);
    return true;
  });
}

/**
 * M1 — onboarding coaching, day 0–3 (入网辅导时刻): the activating store works through the checklist;
 * a customer who accepts the 3G Club is then served by the store's club from its work order.
 */
export async function onboardingCoaching(journey: RunningJourney): Promise<void> {
  await journey.enterMoment('onboarding_coaching');
  const coaching = await journey.tasks.run({
    key: 'onboarding_coaching',
    type: 'onboarding_coaching',
    role: 'store',
    storeId: journey.state.subscriber.storeId,
    deadline: { workingDays: journey.schedule.onboardingCoaching.dueDays, from: journey.clock.activatedAt },
    dueAt: journey.clock.day(journey.schedule.onboardingCoaching.dueDays),
    payload: { checklist: coachingChecklist(journey), ...scriptFacts(journey) },
  });
  const outcome = coaching.outcome as TaskOutcome<'onboarding_coaching'> | undefined;
  const listed = coaching.payload.checklist as CoachingItem[];
  const added = Object.keys(outcome?.checklist ?? {}).filter((item) => !listed.includes(item as CoachingItem));
  if (added.length > 0) journey.note('checklist_items_added', { items: added });
  const club = outcome?.checklist.club_recommendation;
  if (club?.done && club.clubAccepted) await clubWorkOrder(journey, Date.parse(coaching.dueAt));
}

/**
 * The 3G Club's work order (服务工单), in the 0–3 day window: the club of the activating store serves
 * the customer at the level their time allows and records each service done or declined. Due with the
 * store's checklist (`coachingDueAt`), and never sooner than a working day after it was done.
 */
async function clubWorkOrder(journey: RunningJourney, coachingDueAt: number): Promise<void> {
  const { storeId } = journey.state.subscriber;
  const workOrder = await activities.clubWorkOrder.executeWithOptions(
    { summary: 'club work order: levels, services, activities' },
    [{ storeId, from: new Date().toISOString() }],
  );
  await journey.tasks.run({
    key: 'club_service_order',
    type: 'club_service_order',
    role: 'club',
    storeId,
    deadline: { workingDays: 1, notBefore: coachingDueAt },
    dueAt: Math.max(coachingDueAt, Date.now() + DAY_MS),
    payload: { workOrder, ...scriptFacts(journey) },
  });
}
