import type { PlanTerms, UsageMonth } from './vocabulary';

/**
 * The plan-fit analysis (套餐适配器): prices the months of usage under the current plan and the
 * operator plan's candidates — plans of the same level in another family, or one level up — and
 * recommends the cheapest candidate when the overage is large. When no candidate costs less, the
 * manager still hears of the large overage, with the cheapest plan of the whole catalog as a second
 * suggestion outside the rule. Pure and deterministic; money in fen (integers) so sums never drift.
 */

// Type aliases, not interfaces: the result is stored as a task's JSON payload, and only an alias's
// object type is assignable to a JSON type's index signature.

/** A plan as the analysis names it to the account manager. */
export type PlanChoice = {
  code: string;
  name: string;
  nameEn: string;
  monthlyFee: number;
};

/** What the subscriber's usage would cost a month on a plan other than theirs (yuan). */
export type PricedSuggestion = {
  plan: PlanChoice;
  expectedMonthlyCost: number;
  expectedMonthlySaving: number;
};

export type PlanFitResult =
  /** No month of usage reported yet: nothing to price. */
  | { kind: 'no_usage'; reason: string }
  /** The average overage is below the threshold: the plan fits the usage. */
  | { kind: 'fits'; averageCost: number; averageOverage: number; reason: string }
  /** Large overage, and a plan within the rule costs less: the manager recommends it. */
  | {
      kind: 'recommend';
      recommended: PlanChoice;
      currentAverageCost: number;
      recommendedAverageCost: number;
      expectedMonthlySaving: number;
      averageOverage: number;
      reason: string;
      script: { zh: string; en: string };
    }
  /**
   * Large overage, and no plan within the rule (same level in another family, or one level up) costs
   * less. `outsideRule` is the cheapest plan of the whole catalog when it costs less than the current
   * plan — a second suggestion, to be labelled as outside the rule — and null when no plan would.
   */
  | {
      kind: 'large_overage';
      currentAverageCost: number;
      averageOverage: number;
      outsideRule: PricedSuggestion | null;
      reason: string;
      script: { zh: string; en: string };
    };

const fen = (yuan: number) => Math.round(yuan * 100);
const toYuan = (amountFen: number) => Math.round(amountFen) / 100;
const money = (amountFen: number) => toYuan(amountFen).toFixed(2);

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

/** The operator plan's rule: the same level in another family, or one level up in any family. */
function isCandidate(current: PlanTerms, plan: PlanTerms): boolean {
  if (plan.code === current.code) return false;
  return (plan.level === current.level && plan.family !== current.family) || plan.level === current.level + 1;
}

/** The cheapest of `plans` for the usage; ties go to the lower fee, then the code. */
function cheapest(plans: PlanTerms[], usage: UsageMonth[]): { plan: PlanTerms; costFen: number } | undefined {
  return plans
    .map((plan) => ({ plan, costFen: averageCostFen(plan, usage) }))
    .sort(
      (a, b) =>
        a.costFen - b.costFen || a.plan.monthlyFee - b.plan.monthlyFee || a.plan.code.localeCompare(b.plan.code),
    )[0];
}

const choice = ({ code, name, nameEn, monthlyFee }: PlanTerms): PlanChoice => ({ code, name, nameEn, monthlyFee });

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
      reason: `average overage ${money(overageFen)} yuan is ${share}% of the monthly fee, below ${threshold * 100}%`,
    };
  }

  const months = usage.length;
  const overage = {
    zh: `您近${months}个月平均每月套餐外费用${money(overageFen)}元，是月费的${share}%。`,
    en: `Over the last ${months} month(s) you paid ${money(overageFen)} yuan a month beyond your plan (${share}% of the fee).`,
  };
  const best = cheapest(
    catalog.filter((plan) => isCandidate(current, plan)),
    usage,
  );
  if (!best || best.costFen >= currentFen) {
    const others = cheapest(
      catalog.filter((plan) => plan.code !== current.code),
      usage,
    );
    const outside = others && others.costFen < currentFen ? others : undefined;
    const within = `average overage ${money(overageFen)} yuan is ${share}% of the ${current.monthlyFee}-yuan fee, and no plan within the rule would cost less`;
    if (!outside) {
      return {
        kind: 'large_overage',
        currentAverageCost: averageCost,
        averageOverage,
        outsideRule: null,
        reason: `${within}; no plan of the whole catalog would either`,
        script: {
          zh: `${overage.zh}目前没有比您现在的套餐更省钱的套餐，可以考虑加装流量包或语音包。`,
          en: `${overage.en} No plan would cost you less than yours; a data or voice add-on pack may help.`,
        },
      };
    }
    const { plan } = outside;
    const cost = money(outside.costFen);
    const saving = money(currentFen - outside.costFen);
    return {
      kind: 'large_overage',
      currentAverageCost: averageCost,
      averageOverage,
      outsideRule: {
        plan: choice(plan),
        expectedMonthlyCost: toYuan(outside.costFen),
        expectedMonthlySaving: toYuan(currentFen - outside.costFen),
      },
      reason: `${within}; outside the rule, ${plan.code} (the cheapest of the whole catalog) would cost ${cost} instead of ${averageCost.toFixed(2)}`,
      script: {
        zh: `${overage.zh}同档其他类型和上一档的套餐都不比现在省钱；如果换成${plan.name}，按您的用量每月约${cost}元，预计每月节省${saving}元，供您参考。`,
        en: `${overage.en} No plan at your level or one level up would cost less; on ${plan.nameEn} the same usage would cost about ${cost} yuan, saving ${saving} yuan a month, if you would consider it.`,
      },
    };
  }

  const saving = money(currentFen - best.costFen);
  const { plan } = best;
  const cost = money(best.costFen);
  return {
    kind: 'recommend',
    recommended: choice(plan),
    currentAverageCost: averageCost,
    recommendedAverageCost: toYuan(best.costFen),
    expectedMonthlySaving: toYuan(currentFen - best.costFen),
    averageOverage,
    reason: `average overage ${money(overageFen)} yuan is ${share}% of the ${current.monthlyFee}-yuan fee; ${plan.code} would cost ${cost} instead of ${averageCost.toFixed(2)}`,
    script: {
      zh: `${overage.zh}按您的使用习惯，改为${plan.name}后每月约${cost}元，预计每月节省${saving}元。`,
      en: `${overage.en} On ${plan.nameEn} the same usage would cost about ${cost} yuan, saving ${saving} yuan a month.`,
    },
  };
}
