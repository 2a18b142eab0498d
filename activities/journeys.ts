import type { Prisma } from '../prisma/generated/client';
import type { PrismaClient } from '../platform/database';
import type { UsageMonth } from '../domain/vocabulary';
import type { AuditEntry, SubscriberChange } from '../workflows/activity-contract';
import type { ActivationProfile, JourneySummary } from '../workflows/state';
import { findPlan } from './catalog';
import { subscriberRow } from './subscriber-row';

/** Activities that keep the journey's projection in PostgreSQL; every write is an upsert or keyed. */
export function createJourneyActivities(prisma: PrismaClient) {
  return {
    /** Records the subscriber and the journey (idempotent) and returns the plan's terms. */
    async registerJourney({ journeyId, subscriber }: { journeyId: string; subscriber: ActivationProfile }) {
      const plan = await findPlan(prisma, subscriber.planCode);
      await prisma.$transaction([
        prisma.subscriber.upsert({
          where: { id: subscriber.subscriberId },
          create: subscriberRow(subscriber),
          update: {},
        }),
        prisma.journey.upsert({
          where: { id: journeyId },
          create: {
            id: journeyId,
            subscriberId: subscriber.subscriberId,
            status: 'running',
            moment: 'activation',
            startedAt: new Date(),
          },
          update: {},
        }),
      ]);
      return { plan };
    },

    async recordJourneyEnd({
      journeyId,
      status,
      summary,
    }: {
      journeyId: string;
      status: 'completed' | 'cancelled';
      summary: JourneySummary;
    }) {
      const endedAt = new Date(summary.endedAt);
      await prisma.$transaction([
        prisma.journey.update({
          where: { id: journeyId },
          data: { status, endedAt, summary: summary as unknown as Prisma.InputJsonValue },
        }),
        // A subscriber who left gives their number back (the operator may reissue it) and their
        // account manager's place (capacity counts active assignments).
        ...(status === 'cancelled'
          ? [
              prisma.subscriber.updateMany({
                where: { journey: { id: journeyId }, releasedAt: null },
                data: { releasedAt: endedAt },
              }),
              prisma.vipAssignment.updateMany({
                where: { subscriber: { journey: { id: journeyId } }, endedAt: null },
                data: { endedAt },
              }),
            ]
          : []),
      ]);
    },

    /** Records a change of the subscriber; one dropping to standard tier gives their account manager's place back. */
    async updateSubscriber({ subscriberId, ...change }: SubscriberChange) {
      await prisma.$transaction([
        prisma.subscriber.update({ where: { id: subscriberId }, data: change }),
        ...(change.tier === 'standard'
          ? [prisma.vipAssignment.updateMany({ where: { subscriberId, endedAt: null }, data: { endedAt: new Date() } })]
          : []),
      ]);
    },

    async loadPlan({ planCode }: { planCode: string }) {
      return findPlan(prisma, planCode);
    },

    async recordUsage({ subscriberId, usage }: { subscriberId: string; usage: UsageMonth }): Promise<void> {
      const figures = { voiceMinutes: usage.voiceMinutes, dataMB: usage.dataMB, sms: usage.sms };
      await prisma.usageRecord.upsert({
        where: { subscriberId_month: { subscriberId, month: usage.month } },
        create: { subscriberId, month: usage.month, ...figures },
        update: figures,
      });
    },

    /** Appends to the audit trail once per key (a retry finds the row and writes nothing). */
    async recordAudit(event: AuditEntry): Promise<void> {
      await writeAudit(prisma, event);
    },
  };
}

export async function writeAudit(prisma: PrismaClient, event: AuditEntry): Promise<void> {
  await prisma.auditEvent.upsert({
    where: { idempotencyKey: event.idempotencyKey },
    create: { ...event, data: event.data as Prisma.InputJsonValue },
    update: {},
  });
}
