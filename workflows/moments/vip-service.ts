import { isCancellation } from '@temporalio/workflow';
import { activities, assignmentActivities } from '../activity-proxies';
import { isVip } from '../../domain/vocabulary';
import type { RunningJourney } from '../running-journey';
import { DAY_MS, HOUR_MS } from '../schedule';
import type { AccountManager } from '../state';
import { paymentCoaching } from './payment-coaching';
import { scriptFacts } from './scripts';

/**
 * VIP rating → account manager (any time in the 90 days). The regular follow-up still open is
 * superseded; a manager is assigned (automated, within the 3-day SLA, escalated to the supervisor when
 * nobody is free); the manager makes the first call within 7 days of assignment — a deeper follow-up
 * when the rating came after the regular follow-up window — and coaches payment before the first bill.
 */
export async function vipService(journey: RunningJourney): Promise<void> {
  await journey.clock.waitUntil(() => isVip(journey.state.tier), journey.clock.end, 'until a VIP rating');
  if (!isVip(journey.state.tier)) return;
  const ratedAt = Date.now();
  journey.note('vip_rated', { tier: journey.state.tier });
  for (const task of journey.tasks.openTasks('first_followup_call')) {
    await journey.tasks.end(task, 'superseded', 'subscriber became VIP: the account manager makes the first call');
  }

  const manager = await assignAccountManager(journey, ratedAt);
  if (!manager) return;
  const afterRegularFollowup = ratedAt > journey.clock.day(journey.schedule.firstFollowup.dueDays);
  await Promise.all([
    journey.tasks.run({
      key: 'vip_first_call',
      type: 'vip_first_call',
      role: 'account_manager',
      assigneeId: manager.staffId,
      deadline: { workingDays: journey.schedule.vip.firstCallDueDays, from: Date.parse(manager.assignedAt) },
      dueAt: Date.parse(manager.assignedAt) + journey.schedule.vip.firstCallDueDays * DAY_MS,
      payload: { deeperFollowup: afterRegularFollowup, tierRights: journey.state.tier, ...scriptFacts(journey) },
    }),
    paymentCoaching(journey),
  ]);
}

/**
 * Assigns a manager, retrying while nobody has capacity; past the assignment SLA the journey
 * escalates to the supervisor once (recorded for the SLA report) and keeps trying until its end.
 */
async function assignAccountManager(journey: RunningJourney, ratedAt: number): Promise<AccountManager | undefined> {
  const slaDeadline = ratedAt + journey.schedule.vip.assignmentSlaDays * DAY_MS;
  let escalated = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const manager = await assignmentActivities.assignAccountManager({
        assignmentKey: `${journey.state.journeyId}:account-manager`,
        subscriberId: journey.subscriberId,
        storeId: journey.state.subscriber.storeId,
        tier: journey.state.tier,
        requestedAt: new Date().toISOString(),
        ratedAt: new Date(ratedAt).toISOString(),
      });
      journey.state.accountManager = manager;
      journey.note('account_manager_assigned', { staffId: manager.staffId, withinSla: Date.now() <= slaDeadline });
      return manager;
    } catch (error) {
      if (isCancellation(error)) throw error;
      journey.note('account_manager_unavailable', { attempt });
      if (Date.now() >= slaDeadline && !escalated) {
        escalated = true;
        await escalateAssignment(journey, slaDeadline);
      }
      const retryAt = Date.now() + journey.schedule.vip.assignmentRetryHours * HOUR_MS;
      if (!(await journey.clock.sleepUntil(retryAt, `no account manager free: try again (attempt ${attempt + 1})`))) {
        journey.note('account_manager_not_assigned', { attempts: attempt });
        return undefined;
      }
    }
  }
}

/** Past the assignment SLA with no manager: the supervisor hears of it once (recorded for the SLA report). */
async function escalateAssignment(journey: RunningJourney, slaDeadline: number): Promise<void> {
  journey.note('assignment_escalated', { slaDeadline: new Date(slaDeadline).toISOString() });
  await activities.recordAudit.executeWithOptions(
    { summary: 'no account manager within the SLA: tell the supervisor' },
    [
      {
        idempotencyKey: `${journey.state.journeyId}:assignment-escalated`,
        journeyId: journey.state.journeyId,
        subscriberId: journey.subscriberId,
        type: 'assignment_escalated',
        actor: 'journey',
        data: { tier: journey.state.tier, storeId: journey.state.subscriber.storeId, to: 'supervisor' },
      },
    ],
  );
}
