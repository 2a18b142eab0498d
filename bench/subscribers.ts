import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../platform/database';
import { activationProfileSchema } from '../api/http/schemas';
import { defaultSchedule } from '../workflows/schedule';
import { type ActivationProfile, type JourneyInput } from '../workflows/state';
import { demoStaff, demoSubscriber } from '../prisma/seed-data';
import type { TaskActor } from '../workflows/tasks';
import { inPool, type BenchProcess } from './stack';
import { startJourney } from '../platform/start-journey';

/** The body of `POST /v1/subscribers`, as the activation system sends it. */
export type Activation = ActivationProfile;

/** The example activation of docs/architecture.md (A66 with its contract) with its own subscriber and unique number, activated now. */
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
    await startJourney(client, taskQueue, input);
  });
}

/** A demo staff member of the seed data (`S-STORE-JN001`, `S-FOLLOWUP`, …) as the API authenticates them. */
export function demoActor(staffId: string): TaskActor {
  const member = demoStaff.find((candidate) => candidate.id === staffId);
  if (!member) throw new Error(`no demo staff member ${staffId}`);
  return { staffId, role: member.role as TaskActor['role'], ...(member.storeId ? { storeId: member.storeId } : {}) };
}

/** Posts every activation, `concurrency` at a time; returns when each was answered 201 (ms since the epoch), by subscriber. */
export async function postActivations(
  api: BenchProcess,
  token: string,
  payloads: Activation[],
  concurrency: number,
): Promise<Map<string, number>> {
  const answeredAt = new Map<string, number>();
  await inPool(payloads, concurrency, async (payload) => {
    const response = await fetch(`${api.url}/v1/subscribers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const at = Date.now();
    const body = await response.text();
    if (response.status !== 201) throw new Error(`${payload.subscriberId}: ${response.status} ${body}`);
    answeredAt.set(payload.subscriberId, at);
  });
  return answeredAt;
}

/** Records the subscribers as the API's claim does before a journey starts (journeys started directly need their rows). */
export async function recordSubscribers(prisma: PrismaClient, bodies: Activation[]): Promise<void> {
  await prisma.subscriber.createMany({
    data: bodies.map((body) => ({
      id: body.subscriberId,
      msisdn: body.msisdn,
      name: body.name,
      activatedAt: new Date(body.activatedAt),
      storeId: body.storeId,
      planCode: body.planCode,
      paymentType: body.paymentType,
      tier: body.tier,
      portIn: body.portIn,
      dnd: body.dnd ?? body.tier === 'diamond',
    })),
  });
}
