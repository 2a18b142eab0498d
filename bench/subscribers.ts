import type { Client } from '@temporalio/client';
import { onboardingJourney } from '../workflows/journey';
import { activationProfileSchema } from '../api/schemas';
import { defaultSchedule } from '../workflows/schedule';
import { journeyWorkflowId, type ActivationProfile, type JourneyInput } from '../workflows/state';
import { demoStaff, demoSubscriber } from '../prisma/seed-data';
import type { TaskActor } from '../workflows/tasks';
import { inPool } from './stack';

/** The body of `POST /v1/subscribers`, as the activation system sends it. */
export type Activation = ActivationProfile;

/** The README's example activation (A66 with its contract) with its own subscriber and unique number, activated now. */
export function activation(subscriberId: string, msisdn: string): Activation {
  return {
    ...demoSubscriber,
    subscriberId,
    msisdn,
    activatedAt: new Date().toISOString(),
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

/** A demo staff member of the seed data (`S-STORE-JN001`, `S-FOLLOWUP`, …) as the API authenticates them. */
export function demoActor(staffId: string): TaskActor {
  const member = demoStaff.find((candidate) => candidate.id === staffId);
  if (!member) throw new Error(`no demo staff member ${staffId}`);
  return { staffId, role: member.role as TaskActor['role'], ...(member.storeId ? { storeId: member.storeId } : {}) };
}
