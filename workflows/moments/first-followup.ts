import { patched } from '@temporalio/workflow';
import { activities } from '../activity-proxies';
import { isVip, type FollowupVerificationItem } from '../../domain/vocabulary';
import type { ActivationProfile } from '../state';
import type { RunningJourney } from '../running-journey';
import type { TaskOutcome } from '../tasks';
import { handleFollowupIssues } from './followup-issues';
import { scriptFacts } from './scripts';
import { patches } from '../patches';

/** What the follow-up agent checks and explains on the call (docs/journey.md#m2-first-follow-up-days-410). */
const followupScript = [
  'verify_identity',
  'ask_usage',
  'explain_plan_and_free_items',
  'explain_contract_out_of_pocket',
  'internet_coaching',
  'invite_to_club',
  'collect_feedback',
];

/**
 * M2 — first follow-up, day 4–10 (回访解惑时刻). A VIP's first follow-up is the account manager's
 * first call instead (vip-service.ts), which also supersedes this task if the rating arrives while it
 * is open. Up to three "not reached" attempts fit in the window.
 */
export async function firstFollowup(journey: RunningJourney): Promise<void> {
  const { availableDays, dueDays, maxAttempts } = journey.schedule.firstFollowup;
  if (!(await journey.clock.sleepUntil(journey.clock.day(availableDays), `day ${availableDays}: follow-up call opens`)))
    return;
  // The moment is recorded beside the plan-fit analysis, so the agent's task reaches the inbox one
  // round trip sooner after the day-4 timer (docs/performance.md); journeys that had passed day 4
  // recorded it first.
  const entered = journey.enterMoment('first_followup');
  entered.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  if (!patched(patches.followupMomentBesidePlanFit.id)) await entered;
  if (isVip(journey.state.tier)) {
    journey.note('first_followup_by_account_manager');
    await entered;
    return;
  }
  if (journey.heldOutOf('first_followup_call')) {
    await entered;
    return;
  }
  // A tariff question is answered on the call with the plan-fit analysis of the usage so far.
  const planFit = patched(patches.followupShowsPlanFit.id)
    ? {
        planFit: await activities.analysePlanFit.executeWithOptions(
          { summary: 'follow-up call: plan fit for the agent' },
          [
            {
              planCode: journey.plan.code,
              usage: journey.state.usage,
              overageThreshold: journey.schedule.planFit.overageThreshold,
            },
          ],
        ),
      }
    : {};
  await entered;
  const task = await journey.tasks.run({
    key: 'first_followup_call',
    type: 'first_followup_call',
    role: 'followup',
    deadline: { by: journey.clock.day(dueDays) },
    dueAt: journey.clock.day(dueDays),
    maxAttempts,
    payload: { script: followupScript, ...planFit, ...scriptFacts(journey) },
  });
  const outcome = task.outcome as TaskOutcome<'first_followup_call'> | undefined;
  if (task.status !== 'completed' || outcome?.result !== 'reached') return;
  const corrected = correctedDetails(outcome);
  if (corrected) await correctDetails(journey, corrected);
  await handleFollowupIssues(journey, task.id, outcome.issues);
}

/** What the journey keeps of the details the customer corrected: name, address, the ID number's last four. */
type CorrectedDetails = Partial<Pick<ActivationProfile, 'name' | 'address' | 'idNumberLast4'>>;

/**
 * The details the agent verified with the customer that the activation had wrong, as the subscriber's
 * row keeps them. A corrected contact number stays on the task: the row has only the subscriber's own.
 */
function correctedDetails(outcome: TaskOutcome<'first_followup_call'> & { result: 'reached' }) {
  const details: CorrectedDetails = {
    ...(outcome.correctedName ? { name: outcome.correctedName } : {}),
    ...(outcome.correctedAddress ? { address: outcome.correctedAddress } : {}),
    ...(outcome.correctedIdNumberLast4 ? { idNumberLast4: outcome.correctedIdNumberLast4 } : {}),
  };
  return Object.keys(details).length > 0 ? details : undefined;
}

/** Corrects the details everywhere: the journey and the subscriber's row (one activity, as for the name alone before). */
async function correctDetails(journey: RunningJourney, details: CorrectedDetails): Promise<void> {
  // The timeline says what changed, not to what: it feeds reports and pages beyond the task's.
  journey.note('details_corrected', { items: Object.keys(details).map((field) => itemOf[field]) });
  Object.assign(journey.state.subscriber, details);
  await activities.updateSubscriber.executeWithOptions({ summary: 'follow-up call: correct the details given' }, [
    { subscriberId: journey.subscriberId, ...details },
  ]);
}

/** The verification item of each corrected field, as the timeline names it. */
const itemOf: Record<string, FollowupVerificationItem> = {
  name: 'name',
  address: 'mailing_address',
  idNumberLast4: 'id_number',
};
