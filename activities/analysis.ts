import type { PrismaClient } from '../platform/database';
import type { UsageMonth } from '../domain/vocabulary';
import { activePlans, findPlan, valueAddedServices } from './catalog';
import { analysePlanFit, type PlanFitResult } from '../domain/plan-fit-analysis';
import { rankValueAddedServices, usageProfile, type RankedService } from '../domain/vas-ranking';

/** Activities that read the catalogs and run the journey's analyses on a subscriber's usage. */
export function createAnalysisActivities(prisma: PrismaClient) {
  return {
    /** The plan-fit analysis (套餐适配器) of `usage` under the plan `planCode` and the catalog. */
    async analysePlanFit(request: {
      planCode: string;
      usage: UsageMonth[];
      overageThreshold: number;
    }): Promise<PlanFitResult> {
      const [current, catalog] = await Promise.all([findPlan(prisma, request.planCode), activePlans(prisma)]);
      return analysePlanFit({ current, catalog, usage: request.usage, overageThreshold: request.overageThreshold });
    },

    /** Value-added services ranked for the subscriber's usage profile. */
    async recommendServices(request: {
      planCode: string;
      usage: UsageMonth[];
      min: number;
      max: number;
    }): Promise<RankedService[]> {
      const [plan, catalog] = await Promise.all([findPlan(prisma, request.planCode), valueAddedServices(prisma)]);
      return rankValueAddedServices(catalog, usageProfile(request.usage, plan), { min: request.min, max: request.max });
    },
  };
}
