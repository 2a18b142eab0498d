import type { PlanTerms, UsageMonth } from '../workflows/domain';

/**
 * The plan-fit analysis (套餐适配器): prices the months of usage under the current plan and the
 * seed's candidates — plans of the same level in another family, or one level up — and recommends
 * the cheapest candidate when the overage is large. Pure and deterministic; money in fen (integers)
 * so sums never drift.
 */

export type PlanFitResult =
  | { kind: 'no_usage'; reason: string }
  | { kind: 'fits'; averageCost: number; averageOverage: number; reason: string }
  | {
      kind: 'recommend';
      recommended: { code: string; name: string; nameEn: string; monthlyFee: number };
      currentAverageCost: number;
      recommendedAverageCost: number;
      expectedMonthlySaving: number;
      averageOverage: number;
      reason: string;
      script: { zh: string; en: string };
    };

const fen = (yuan: number) => Math.round(yuan * 100);
const toYuan = (amountFen: number) => Math.round(amountFen) / 100;

/** The cost in fen of one month of usage under `plan`: fee plus overage at the plan's rates. */
function monthlyCostFen(plan: PlanTerms, usage: UsageMonth): number {
  const extraMinutes = Math.max(0, usage.voiceMinutes - plan.voiceMinutes);
  const extraKB = Math.max(0, usage.dataMB - plan.dataMB) * 1024;
  const extraSms = Math.max(0, usage.sms - plan.sms);
  const overage = extraMinutes * plan.voiceOveragePerMin + extraKB * plan.dataOveragePerKB + extraSms * plan.smsOverage;
  return fen(plan.monthlyFee) + Math.round(overage * 100);
}

/** The cost in yuan of one month of usage under `plan` (fee + overage). */
export function monthlyCost(plan: PlanTerms, usage: UsageMonth): number {
  return toYuan(monthlyCostFen(plan, usage));
}

function averageCostFen(plan: PlanTerms, usage: UsageMonth[]): number {
  return usage.reduce((sum, month) => sum + monthlyCostFen(plan, month), 0) / usage.length;
}

/** The seed's rule: the same level in another family, or one level up in any family. */
function isCandidate(current: PlanTerms, plan: PlanTerms): boolean {
  if (plan.code === current.code) return false;
  return (plan.level === current.level && plan.family !== current.family) || plan.level === current.level + 1;
}

/**
 * Analyses `usage` (months billed so far) under `current`. Large overage means an average overage
 * of at least `overageThreshold` × the monthly fee (default 20%). Ties go to the lower fee, then the
 * code, so the same input always gives the same answer.
 */
export function analysePlanFit(input: {
  current: PlanTerms;
  catalog: PlanTerms[];
  usage: UsageMonth[];
  overageThreshold?: number;
}): PlanFitResult {
  const { current, catalog, usage } = input;
  const threshold = input.overageThreshold ?? 0.2;
  if (usage.length === 0) return { kind: 'no_usage', reason: 'no usage reported yet: nothing to analyse' };

  const currentFen = averageCostFen(current, usage);
  const overageFen = currentFen - fen(current.monthlyFee);
  const averageCost = toYuan(currentFen);
  const averageOverage = toYuan(overageFen);
  const share = Math.round((overageFen / fen(current.monthlyFee)) * 1000) / 10;
  if (overageFen < threshold * fen(current.monthlyFee)) {
    return {
      kind: 'fits',
      averageCost,
      averageOverage,
      reason: `average overage ${averageOverage.toFixed(2)} yuan is ${share}% of the monthly fee, below ${threshold * 100}%`,
    };
  }

  const best = catalog
    .filter((plan) => isCandidate(current, plan))
    .map((plan) => ({ plan, costFen: averageCostFen(plan, usage) }))
    .sort(
      (a, b) =>
        a.costFen - b.costFen || a.plan.monthlyFee - b.plan.monthlyFee || a.plan.code.localeCompare(b.plan.code),
    )[0];
  if (!best || best.costFen >= currentFen) {
    return {
      kind: 'fits',
      averageCost,
      averageOverage,
      reason: `average overage ${averageOverage.toFixed(2)} yuan (${share}%), but no candidate plan would cost less`,
    };
  }

  const saving = toYuan(currentFen - best.costFen);
  const months = usage.length;
  const { plan } = best;
  return {
    kind: 'recommend',
    recommended: { code: plan.code, name: plan.name, nameEn: plan.nameEn, monthlyFee: plan.monthlyFee },
    currentAverageCost: averageCost,
    recommendedAverageCost: toYuan(best.costFen),
    expectedMonthlySaving: saving,
    averageOverage,
    reason: `average overage ${averageOverage.toFixed(2)} yuan is ${share}% of the ${current.monthlyFee}-yuan fee; ${plan.code} would cost ${toYuan(best.costFen).toFixed(2)} instead of ${averageCost.toFixed(2)}`,
    script: {
      zh: `您近${months}个月平均每月套餐外费用${averageOverage.toFixed(2)}元，占月费的${share}%。按您的使用习惯，改为${plan.name}后每月约${toYuan(best.costFen).toFixed(2)}元，预计每月节省${saving.toFixed(2)}元。`,
      en: `Over the last ${months} month(s) you paid ${averageOverage.toFixed(2)} yuan a month beyond your plan (${share}% of the fee). On ${plan.nameEn} the same usage would cost about ${toYuan(best.costFen).toFixed(2)} yuan, saving ${saving.toFixed(2)} yuan a month.`,
    },
  };
}
