import { Prisma } from '../../prisma/generated/client';
import type { PrismaClient } from '../../platform/database';
import type { SubscriberKeys } from '../../platform/subscriber-keys';
import type { StaffMember } from '../staff-access/auth';
import { ApiError } from '../http/errors';

export interface ErasureDependencies {
  prisma: PrismaClient;
  keys: SubscriberKeys;
  journeys: JourneyTermination;
}

/**
 * What an erasure needs of the journeys (`JourneyService`, which also reads the erasures back):
 * the subscriber's journey and the launch promises it handed over, ended at once.
 */
export interface JourneyTermination {
  terminate(subscriberId: string, reason: string, promotionCodes: readonly string[]): Promise<void>;
}

/** Who erases: a supervisor on the subscriber's request, or the retention policy (api/journeys/retention.ts). */
export type ErasureRequester = StaffMember | { policy: 'retention'; retentionDays: number };

/** The audit trail's actor of the retention policy's erasures. */
export const RETENTION_POLICY_ACTOR = 'retention-policy';

export interface ErasureResult {
  subscriberId: string;
  erasedAt: string;
  /** True when the subscriber had been erased before: nothing changed now. */
  alreadyErased: boolean;
}

/**
 * Erases a subscriber's personal data on request (PIPL): a running journey is terminated, their data
 * key is deleted — which leaves their Temporal history, outbox bodies, inbound SMS and sealed secrets
 * unreadable wherever copies are — and the plain personal fields of the database (number, name,
 * address, the number replaced, the ID number's last four, task notes and outcomes' free text, ticket
 * addresses, the BSS's reasons) are cleared, and the launch promises the journey handed over end. What reports count
 * stays: the journey, its tasks with their types, statuses and results, the SMS with their templates.
 * The erasure itself is audited with who asked (a staff member, or the retention policy) and why.
 */
export async function erasePersonalData(
  { prisma, keys, journeys }: ErasureDependencies,
  subscriberId: string,
  requester: ErasureRequester,
  reason: string,
): Promise<ErasureResult> {
  const subscriber = await prisma.subscriber.findUnique({
    where: { id: subscriberId },
    select: { erasedAt: true, journey: { select: { id: true, status: true } } },
  });
  if (!subscriber) throw new ApiError(404, 'subscriber_not_found', `no subscriber ${subscriberId}`);
  if (subscriber.erasedAt) return { subscriberId, erasedAt: subscriber.erasedAt.toISOString(), alreadyErased: true };

  // The promises the journey handed over (launch SMS after day 90) end with it.
  const promises = await prisma.auditEvent.findMany({
    where: { subscriberId, type: 'promotion_notification_due' },
    select: { data: true },
  });
  const promotionCodes = promises.flatMap(({ data }) => {
    const code = (data as { promotionCode?: unknown } | null)?.promotionCode;
    return typeof code === 'string' ? [code] : [];
  });
  await journeys.terminate(subscriberId, 'personal data erased on request', promotionCodes);
  const erasedAt = new Date();
  const tasks = await prisma.task.findMany({ where: { subscriberId }, select: { id: true, outcome: true } });
  const summary = subscriber.journey
    ? (await prisma.journey.findUnique({ where: { id: subscriber.journey.id }, select: { summary: true } }))?.summary
    : undefined;
  await prisma.$transaction(async (tx) => {
    await keys.erase(subscriberId, tx);
    await tx.subscriber.update({
      where: { id: subscriberId },
      data: {
        msisdn: null,
        previousMsisdn: null,
        name: null,
        address: null,
        idNumberLast4: null,
        activation: Prisma.DbNull,
        erasedAt,
        releasedAt: erasedAt,
      },
    });
    for (const task of tasks) {
      await tx.task.update({
        where: { id: task.id },
        data: { payload: {}, attempts: [], outcome: countableOutcome(task.outcome) },
      });
    }
    await tx.task.updateMany({
      where: { subscriberId, status: 'open' },
      data: { status: 'cancelled', endedAt: erasedAt, endReason: 'personal data erased' },
    });
    if (subscriber.journey) {
      await tx.journey.update({
        where: { id: subscriber.journey.id },
        data: {
          summary: countableSummary(summary),
          // Unreadable once the key is gone; dropped so no copy of it is left to look at.
          record: null,
          ...(subscriber.journey.status === 'running'
            ? { status: 'cancelled', moment: 'cancelled', endedAt: erasedAt }
            : {}),
        },
      });
    }
    await tx.networkTicket.updateMany({ where: { subscriberId }, data: { address: '', description: '' } });
    await tx.bssOrder.updateMany({ where: { subscriberId, reason: { not: null } }, data: { reason: '' } });
    // Bodies of a release before encryption that the worker has not encrypted yet are plain text.
    await tx.smsMessage.updateMany({ where: { subscriberId, legacyBody: { not: null } }, data: { legacyBody: null } });
    await tx.auditEvent.updateMany({ where: { subscriberId }, data: { data: {} } });
    await tx.vipAssignment.updateMany({ where: { subscriberId, endedAt: null }, data: { endedAt: erasedAt } });
    await tx.auditEvent.create({
      data: {
        subscriberId,
        journeyId: subscriber.journey?.id ?? null,
        type: 'personal_data_erased',
        ...('policy' in requester
          ? { actor: RETENTION_POLICY_ACTOR, data: { reason, retentionDays: requester.retentionDays } }
          : { actor: requester.staffId, data: { reason, role: requester.role } }),
      },
    });
  });
  return { subscriberId, erasedAt: erasedAt.toISOString(), alreadyErased: false };
}

/** What the reports count of an outcome: its result and the categories of the issues raised, no words. */
function countableOutcome(outcome: Prisma.JsonValue): Prisma.InputJsonValue | undefined {
  if (!outcome || typeof outcome !== 'object' || Array.isArray(outcome)) return undefined;
  const { result, issues } = outcome as { result?: unknown; issues?: { category?: unknown }[] };
  return {
    ...(typeof result === 'string' ? { result } : {}),
    ...(Array.isArray(issues) ? { issues: issues.map((issue) => ({ category: String(issue.category) })) } : {}),
  };
}

/** The journey's summary without the task outcomes' words. */
function countableSummary(summary: Prisma.JsonValue | undefined): Prisma.InputJsonValue | undefined {
  if (!summary || typeof summary !== 'object' || Array.isArray(summary)) return undefined;
  const { tasks, ...rest } = summary as { tasks?: { outcome?: Prisma.JsonValue }[] };
  return {
    ...(rest as Prisma.InputJsonObject),
    ...(Array.isArray(tasks)
      ? { tasks: tasks.map(({ outcome, ...task }) => ({ ...task, outcome: countableOutcome(outcome ?? null) })) }
      : {}),
  } as Prisma.InputJsonValue;
}
