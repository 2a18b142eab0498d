import type { Client, WorkflowHandleWithStartDetails } from '@temporalio/client';
import { onboardingJourney } from '../workflows';
import { journeyWorkflowId, type JourneyInput } from '../workflows/state';

export type StartedJourney = WorkflowHandleWithStartDetails<typeof onboardingJourney>;

/**
 * Starts one subscriber's journey, the one way the API, the test harnesses and the benchmarks all
 * start it: its workflow id from the subscriber, never reused (one journey per subscriber, ever), and
 * a summary engineers read in the Temporal Web UI's list, free of personal data. Throws the SDK's
 * `WorkflowExecutionAlreadyStartedError` for a subscriber who has had one.
 */
export async function startJourney(client: Client, taskQueue: string, input: JourneyInput): Promise<StartedJourney> {
  return client.workflow.start(onboardingJourney, {
    workflowId: journeyWorkflowId(input.subscriber.subscriberId),
    taskQueue,
    args: [input],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    staticSummary: journeySummary(input),
  });
}

/** E.g. "standard · A66 · prepaid · store JN001 · activated 2026-11-25": the journey at a glance. */
export function journeySummary({ subscriber, experiment }: JourneyInput): string {
  return [
    subscriber.tier,
    subscriber.planCode,
    subscriber.paymentType,
    `store ${subscriber.storeId}`,
    `activated ${subscriber.activatedAt.slice(0, 10)}`,
    ...(subscriber.portIn ? ['port-in'] : []),
    // docs/control-group.md: e.g. "control group for first_followup_call".
    ...(experiment ? [`${experiment.group} group for ${experiment.touch}`] : []),
  ].join(' · ');
}
