import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../platform/database';
import { activityFailures } from '../workflows/failure-types';
import type { PlanTerms, ValueAddedServiceOffer } from '../workflows/domain';

type PlanRow = Awaited<ReturnType<PrismaClient['plan']['findMany']>>[number];

/** A catalog row as the journey's plain-number terms (the database keeps money as decimals). */
export function toPlanTerms(row: PlanRow): PlanTerms {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    family: row.family,
    level: row.level,
    monthlyFee: Number(row.monthlyFee),
    voiceMinutes: row.voiceMinutes,
    dataMB: row.dataMB,
    sms: row.sms,
    mms: row.mms,
    voiceOveragePerMin: Number(row.voiceOveragePerMin),
    dataOveragePerKB: Number(row.dataOveragePerKB),
    smsOverage: Number(row.smsOverage),
  };
}

/** Reads one plan; an unknown code is bad data, not a transient fault, so it is not retried. */
export async function findPlan(prisma: PrismaClient, planCode: string): Promise<PlanTerms> {
  const row = await prisma.plan.findUnique({ where: { code: planCode } });
  if (!row) throw ApplicationFailure.nonRetryable(`unknown plan code ${planCode}`, activityFailures.unknownPlan);
  return toPlanTerms(row);
}

export async function activePlans(prisma: PrismaClient): Promise<PlanTerms[]> {
  const rows = await prisma.plan.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
  return rows.map(toPlanTerms);
}

export async function valueAddedServices(prisma: PrismaClient): Promise<ValueAddedServiceOffer[]> {
  const rows = await prisma.valueAddedService.findMany({ orderBy: { code: 'asc' } });
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    category: row.category,
    monthlyFee: Number(row.monthlyFee),
    profile: row.profile,
    description: row.description,
  }));
}
