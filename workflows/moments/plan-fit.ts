import { patched } from '@temporalio/workflow';
import { activities } from '../activity-proxies';
import { isVip } from '../../domain/vocabulary';
import type { RunningJourney } from '../running-journey';
import { scriptFacts } from './scripts';
import { patches } from '../patches';

/**
 * M5 — plan-fit assessment, day 60–90 (套餐评估时刻), VIP only: the plan-fit analysis prices the
 * usage so far under the current plan and the operator plan's candidates
 * (docs/plan.md#plan-fit-days-6090); a large overage with a cheaper candidate becomes the account
 * manager's consultation task, anything else is recorded with its reason.
 */
export async function planFit(journey: RunningJourney): Promise<void> {
  const { startDays, dueDays, overageThreshold } = journey.schedule.planFit;
  if (!(await journey.clock.sleepUntil(journey.clock.day(startDays), `day ${startDays}: plan-fit assessment`))) return;
  await journey.enterMoment('plan_fit');
  const servedVip = () => isVip(journey.state.tier) && journey.state.accountManager !== undefined;
  // A VIP rated after day 60, or whose manager came late, is still assessed inside the window.
  if (
    !servedVip() &&
    (!patched(patches.planFitWaitsForVip.id) ||
      !(await journey.clock.waitUntil(servedVip, journey.clock.day(dueDays), 'until a VIP has an account manager')))
  ) {
    journey.note('plan_fit_skipped', { reason: 'not a VIP with an account manager' });
    return;
  }
  const assigned = journey.state.accountManager;
  const result = await activities.analysePlanFit.executeWithOptions({ summary: 'plan fit: analyse the usage' }, [
    {
      planCode: journey.plan.code,
      usage: journey.state.usage,
      overageThreshold,
    },
  ]);
  journey.note('plan_fit_analysed', { result: result.kind, reason: result.reason });
  // A cheaper plan within the rule, or a large overage the manager must talk through (with the
  // cheapest plan of the whole catalog as a second, labelled suggestion).
  if (result.kind !== 'recommend' && result.kind !== 'large_overage') return;
  // A downgrade may have released the manager during the analysis (journeys from before this check
  // gave the task to the manager they started with).
  const unchanged = journey.state.accountManager === assigned;
  const manager =
    unchanged || !patched(patches.planFitRechecksManager.id) ? assigned : journey.managerFor('plan_fit_consultation');
  if (!manager) return;
  await journey.tasks.run({
    key: 'plan_fit_consultation',
    type: 'plan_fit_consultation',
    role: 'account_manager',
    assigneeId: manager.staffId,
    deadline: { by: journey.clock.day(dueDays) },
    dueAt: journey.clock.day(dueDays),
    payload: { planFit: result, ...scriptFacts(journey) },
  });
}
