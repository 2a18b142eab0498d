import type { Client } from '@temporalio/client';
import { onboardingJourney } from '../workflows/journey';
import { activationProfileSchema } from '../workflows/messages';
import { defaultSchedule } from '../workflows/schedule';
import { journeyWorkflowId, type JourneyInput } from '../workflows/state';
import { inPool } from './stack';

/** The body of `POST /v1/subscribers`, as the activation system sends it. */
export type Activation = Record<string, unknown> & { subscriberId: string; msisdn: string };

/**
 * The README's example activation with its own subscriber and number, activated now. `msisdn` is
 * `1[3-9]` and nine digits; it must be unique, as the journey records the subscriber by number too.
 */
export function activation(subscriberId: string, msisdn: string): Activation {
  return {
    subscriberId,
    msisdn,
    name: '张伟',
    activatedAt: new Date().toISOString(),
    storeId: 'JN001',
    planCode: 'A66',
    paymentType: 'prepaid',
    contract: { prepay: 950, monthlyReturn: 39 },
  };
}

/** The workflow input the API builds from the same body: its schema's defaults, the time normalised. */
export function journeyInput(body: Activation): JourneyInput {
  const profile = activationProfileSchema.parse(body);
  return {
    subscriber: { ...profile, activatedAt: new Date(profile.activatedAt).toISOString() },
    schedule: defaultSchedule,
  };
}

/** Starts each journey as the API does, minus its checks: same workflow id, input, queue and reuse policy. */
export async function startJourneys(
  client: Client,
  taskQueue: string,
  inputs: JourneyInput[],
  concurrency: number,
): Promise<void> {
  await inPool(inputs, concurrency, async (input) => {
    await client.workflow.start(onboardingJourney, {
      workflowId: journeyWorkflowId(input.subscriber.subscriberId),
      taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  });
}
