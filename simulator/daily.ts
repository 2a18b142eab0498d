import type { PrismaClient } from '../platform/database';
import type { SimClock } from './clock';

/** The province on one simulated day, for the report's charts. */
export interface DaySample {
  day: number;
  openTasksByRole: Record<string, number>;
  /** Tasks escalated so far (past their due time while open). */
  escalated: number;
  /** SMS sent so far, by template. */
  smsByKind: Record<string, number>;
  journeysByMoment: Record<string, number>;
}

/** Looks at the province once a simulated day (read-only: the rows) until stopped. */
export async function sampleDaily(prisma: PrismaClient, clock: SimClock, until: () => boolean): Promise<DaySample[]> {
  const samples: DaySample[] = [];
  for (let day = Math.ceil(clock.day()); !until(); day++) {
    await clock.until(clock.start + day * 86_400_000);
    const [open, escalated, moments, sms] = await Promise.all([
      prisma.task.groupBy({ by: ['role'], where: { status: 'open' }, _count: true }),
      prisma.task.count({ where: { escalatedAt: { not: null } } }),
      prisma.journey.groupBy({ by: ['moment'], _count: true }),
      prisma.smsMessage.groupBy({ by: ['template'], where: { status: 'sent' }, _count: true }),
    ]);
    const smsByKind = Object.fromEntries(sms.map((row) => [row.template, row._count]));
    samples.push({
      day,
      openTasksByRole: Object.fromEntries(open.map((row) => [row.role, row._count])),
      escalated,
      smsByKind,
      journeysByMoment: Object.fromEntries(moments.map((row) => [row.moment, row._count])),
    });
  }
  return samples;
}
