import { condition, isCancellation, patched } from '@temporalio/workflow';
import { activities, assignmentActivities } from '../activity-proxies';
import { isVip } from '../../domain/vocabulary';
import type { RunningJourney } from '../running-journey';
import { DAY_MS, HOUR_MS } from '../schedule';
import { activityFailures, failedWith } from '../failure-types';
import type { AccountManager } from '../state';
import type { JourneyTask, TaskOutcome } from '../tasks';
import { paymentCoaching } from './payment-coaching';
import { scriptFacts } from './scripts';
import { patches } from '../patches';

/**
 * VIP rating → account manager (any time in the 90 days). Each rating starts a round of VIP service:
 * a manager is assigned (automated, within the 3-day SLA, escalated to the supervisor when nobody is
 * free) and makes the first call within 7 days of the assignment. A drop to standard ends the round
 * (events.ts releases the manager and cancels their tasks); a later rating starts the next round, with a
 * manager again. Payment coaching is a moment of its own (payment-coaching.ts).
 *
 * Journeys that started before rounds (`legacy`) serve one rating with payment coaching inside it, as
 * their histories recorded; once that round is over they take later ratings too.
 */
export async function vipService(journey: RunningJourney, { legacy }: { legacy: boolean }): Promise<void> {
  let round = 1;
  if (legacy) {
    await journey.clock.waitUntil(() => isVip(journey.state.tier), journey.clock.end, 'until a VIP rating');
    if (!isVip(journey.state.tier)) return;
    await serveVip(journey, round, { legacy, alongside: () => paymentCoaching(journey, { ownMoment: false }) });
    if (!patched(patches.vipReratingAfterFirstRound.id)) return;
    if (!(await untilNoLongerVip(journey))) return;
    round += 1;
  }
  for (; ; round++) {
    // No timer of its own: a rating or the journey's end (its clock's timer) wakes it.
    await condition(() => isVip(journey.state.tier) || journey.clock.timeIsUp);
    if (journey.clock.timeIsUp) return;
    await serveVip(journey, round, { legacy: false });
    if (!(await untilNoLongerVip(journey))) return;
  }
}

/** Waits while the customer stays VIP; false when the journey's time is up first. */
async function untilNoLongerVip(journey: RunningJourney): Promise<boolean> {
  await condition(() => !isVip(journey.state.tier) || journey.clock.timeIsUp);
  return !journey.clock.timeIsUp;
}

/**
 * One round: the regular follow-up handed over, a manager assigned, the manager's first call (a
 * deeper follow-up when the rating came after the regular follow-up's window).
 */
async function serveVip(
  journey: RunningJourney,
  round: number,
  { legacy, alongside }: { legacy: boolean; alongside?: () => Promise<void> },
): Promise<void> {
  const ratedAt = Date.now();
  journey.note('vip_rated', { tier: journey.state.tier, ...(round > 1 ? { round } : {}) });
  const afterRegularFollowup = ratedAt > journey.clock.day(journey.schedule.firstFollowup.dueDays);
  await handOverRegularFollowup(journey, afterRegularFollowup);

  const manager = await assignAccountManager(journey, ratedAt, round, { legacy });
  if (!manager) return;
  await Promise.all([firstCall(journey, manager, round, afterRegularFollowup), alongside?.()]);
}

/**
 * Inside the regular follow-up's window the manager's first call replaces it: an open one is
 * superseded. After the window (a late rating) the plan keeps its order: the regular follow-up, still
 * open past its due time, goes on, and the manager's deeper follow-up comes after it.
 */
async function handOverRegularFollowup(journey: RunningJourney, afterRegularFollowup: boolean): Promise<void> {
  const open = journey.tasks.openTasks('first_followup_call');
  if (open.length === 0) return;
  if (afterRegularFollowup && patched(patches.lateRatingKeepsRegularFollowup.id)) {
    journey.note('regular_followup_kept', { reason: 'rated after the follow-up window: the regular call comes first' });
    return;
  }
  for (const task of open) {
    await journey.tasks.end(task, 'superseded', 'subscriber became VIP: the account manager makes the first call');
  }
}

/** The manager's first call, due 7 days after the assignment; after a still-open regular follow-up. */
async function firstCall(
  journey: RunningJourney,
  manager: AccountManager,
  round: number,
  afterRegularFollowup: boolean,
): Promise<void> {
  const regularOpen = () => journey.tasks.openTasks('first_followup_call').length > 0;
  if (afterRegularFollowup && regularOpen()) {
    await condition(() => !regularOpen() || journey.clock.timeIsUp);
    if (journey.clock.timeIsUp) return;
  }
  // The round may have ended meanwhile (a downgrade released the manager).
  if (journey.state.accountManager?.staffId !== manager.staffId) return;
  const assignedAt = Date.parse(manager.assignedAt);
  const { firstCallDueDays } = journey.schedule.vip;
  await journey.tasks.run({
    key: round === 1 ? 'vip_first_call' : `vip_first_call:${round}`,
    type: 'vip_first_call',
    role: 'account_manager',
    assigneeId: manager.staffId,
    deadline: { workingDays: firstCallDueDays, from: assignedAt },
    dueAt: assignedAt + firstCallDueDays * DAY_MS,
    payload: { deeperFollowup: afterRegularFollowup, tierRights: journey.state.tier, ...scriptFacts(journey) },
  });
}

/**
 * Assigns a manager, retrying while nobody has capacity; past the assignment SLA the journey
 * escalates to the supervisor once (recorded for the SLA report), with a task to pick a manager, and
 * keeps trying until its end, or (rounds) until the customer is no longer VIP. Whichever comes first
 * assigns: a manager found free (the supervisor's task is then superseded) or the supervisor's pick,
 * which stops the retries; a pick that no longer fits (the manager filled up meanwhile) gives the
 * supervisor a new task. Journeys escalated before the supervisor had that task only retry.
 */
async function assignAccountManager(
  journey: RunningJourney,
  ratedAt: number,
  round: number,
  { legacy }: { legacy: boolean },
): Promise<AccountManager | undefined> {
  const slaDeadline = ratedAt + journey.schedule.vip.assignmentSlaDays * DAY_MS;
  const ofRound = (key: string) => (round === 1 ? key : `${key}:${round}`);
  let escalated = false;
  let pick: JourneyTask | undefined;
  let picks = 0;
  const askSupervisor = async (attempts: number) => {
    picks += 1;
    pick = await openPick(journey, {
      key: ofRound(picks === 1 ? 'vip_assignment' : `vip_assignment#${picks}`),
      ratedAt,
      slaDeadline,
      attempts,
    });
  };
  for (let attempt = 1; ; attempt++) {
    const managerId = pickedManager(pick);
    try {
      const manager = await assignmentActivities.assignAccountManager({
        assignmentKey: ofRound(`${journey.state.journeyId}:account-manager`),
        subscriberId: journey.subscriberId,
        storeId: journey.state.subscriber.storeId,
        tier: journey.state.tier,
        requestedAt: new Date().toISOString(),
        ratedAt: new Date(ratedAt).toISOString(),
        ...(managerId ? { managerId } : {}),
      });
      // A downgrade may have come while the assignment was made, after it released every manager:
      // this one is released too, and the round ends (journeys from before took the manager).
      if (!isVip(journey.state.tier) && patched(patches.assignmentAfterDowngradeReleased.id)) {
        journey.note('account_manager_released', { staffId: manager.staffId, reason: 'no longer VIP when assigned' });
        await activities.updateSubscriber.executeWithOptions(
          { summary: 'assigned after a downgrade: release the manager' },
          [{ subscriberId: journey.subscriberId, tier: journey.state.tier }],
        );
        if (pick) await journey.tasks.end(pick, 'cancelled', 'no longer VIP');
        return undefined;
      }
      journey.state.accountManager = manager;
      journey.note('account_manager_assigned', {
        staffId: manager.staffId,
        withinSla: Date.now() <= slaDeadline,
        ...(managerId ? { by: 'supervisor' } : {}),
      });
      if (pick) await journey.tasks.end(pick, 'superseded', 'an account manager was free');
      return manager;
    } catch (error) {
      if (isCancellation(error)) throw error;
      if (managerId && failedWith(error, activityFailures.managerNotEligible)) {
        journey.note('account_manager_pick_refused', { staffId: managerId, reason: failureReason(error) });
        await askSupervisor(attempt);
      } else {
        journey.note('account_manager_unavailable', { attempt });
        if (Date.now() >= slaDeadline && !escalated) {
          escalated = true;
          await escalateAssignment(journey, slaDeadline, ofRound(`${journey.state.journeyId}:assignment-escalated`));
          if (patched(patches.assignmentPickedBySupervisor.id)) await askSupervisor(attempt);
        }
      }
      const retryAt = Date.now() + journey.schedule.vip.assignmentRetryHours * HOUR_MS;
      const summary = `no account manager free: try again (attempt ${attempt + 1})`;
      let goOn: boolean;
      if (legacy) goOn = await journey.clock.sleepUntil(retryAt, summary);
      else {
        const wakes = () => !isVip(journey.state.tier) || pickedManager(pick) !== undefined;
        await journey.clock.waitUntil(wakes, retryAt, summary);
        goOn = isVip(journey.state.tier) && !journey.clock.timeIsUp;
      }
      if (!goOn) {
        journey.note('account_manager_not_assigned', { attempts: attempt });
        if (pick && !journey.clock.timeIsUp) await journey.tasks.end(pick, 'cancelled', 'no longer VIP');
        return undefined;
      }
    }
  }
}

/** The manager the supervisor picked on a completed `vip_assignment` task. */
function pickedManager(pick: JourneyTask | undefined): string | undefined {
  return pick?.status === 'completed' ? (pick.outcome as TaskOutcome<'vip_assignment'>).managerId : undefined;
}

/** The assignment activity's reason for refusing a pick (its message names the manager and why). */
function failureReason(error: unknown): string {
  return error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
}

/**
 * The supervisor's task to pick a manager for the VIP, due in a working day; it is escalated and
 * expires like any task, while the journey keeps trying to find a manager free.
 */
async function openPick(
  journey: RunningJourney,
  { key, ratedAt, slaDeadline, attempts }: { key: string; ratedAt: number; slaDeadline: number; attempts: number },
): Promise<JourneyTask> {
  const task = await journey.tasks.open({
    key,
    type: 'vip_assignment',
    role: 'supervisor',
    deadline: { workingDays: 1 },
    dueAt: Date.now() + DAY_MS,
    payload: {
      tier: journey.state.tier,
      storeId: journey.state.subscriber.storeId,
      ratedAt: new Date(ratedAt).toISOString(),
      slaDeadline: new Date(slaDeadline).toISOString(),
      attempts,
    },
  });
  journey.spawn('vip_assignment', () => journey.tasks.settle(task));
  return task;
}

/** Past the assignment SLA with no manager: the supervisor hears of it once (recorded for the SLA report). */
async function escalateAssignment(journey: RunningJourney, slaDeadline: number, idempotencyKey: string): Promise<void> {
  journey.note('assignment_escalated', { slaDeadline: new Date(slaDeadline).toISOString() });
  await activities.recordAudit.executeWithOptions(
    { summary: 'no account manager within the SLA: tell the supervisor' },
    [
      {
        idempotencyKey,
        journeyId: journey.state.journeyId,
        subscriberId: journey.subscriberId,
        type: 'assignment_escalated',
        actor: 'journey',
        data: { tier: journey.state.tier, storeId: journey.state.subscriber.storeId, to: 'supervisor' },
      },
    ],
  );
}
