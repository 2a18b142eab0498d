import { activities } from '../activity-proxies';
import { isVip } from '../domain';
import type { RunningJourney } from '../running-journey';
import { scriptFacts } from './scripts';

/**
 * M5 — plan-fit assessment, day 60–90 (套餐评估时刻), VIP only: the plan-fit analysis prices the
 * usage so far under the current plan and the seed's candidates; a large overage with a cheaper
 * candidate becomes the account manager's consultation task, anything else is recorded with its reason.
 */
export async function planFit(journey: RunningJourney): Promise<void> {
  const { startDays, dueDays, overageThreshold } = journey.schedule.planFit;
  if (!(await journey.clock.sleepUntil(journey.clock.day(startDays)))) return;
  await journey.enterMoment('plan_fit');
  const manager = journey.state.accountManager;
  if (!isVip(journey.state.tier) || !manager) {
    journey.note('plan_fit_skipped', { reason: 'not a VIP with an account manager' });
    return;
  }
  const result = await activities.analysePlanFit({
    planCode: journey.state.plan!.code,
    usage: journey.state.usage,
    overageThreshold,
  });
  journey.note('plan_fit_analysed', { result: result.kind, reason: result.reason });
  if (result.kind !== 'recommend') return;
  await journey.tasks.run({
    key: 'plan_fit_consultation',
    type: 'plan_fit_consultation',
    role: 'account_manager',
    assigneeId: manager.staffId,
    dueAt: journey.clock.day(dueDays),
    payload: { planFit: result, ...scriptFacts(journey) },
  });
}
