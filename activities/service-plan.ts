import { ApplicationFailure } from '@temporalio/activity';
import type { ClubActivity, ClubService, ClubServiceLevel } from '../domain/club';
import type { Promotion } from '../domain/promotions';
import type { TieredService } from '../domain/tiered-services';
import type { PrismaClient } from '../platform/database';
import type { Tier } from '../domain/vocabulary';
import { activityFailures } from '../workflows/failure-types';
import { clubActivitiesFor, clubServiceLevels, clubServices, promotions, tieredServicesOf } from './catalog';

/** How far ahead club activities are worth inviting a customer to. */
const ACTIVITY_HORIZON_MS = 60 * 86_400_000;

/** Activities that read the service plan's catalogs for a task's page. */
export function createServicePlanActivities(prisma: PrismaClient) {
  async function storeOf(storeId: string) {
    const store = await prisma.store.findUnique({ where: { id: storeId }, select: { id: true, region: true } });
    if (!store) throw ApplicationFailure.nonRetryable(`unknown store ${storeId}`, activityFailures.unknownStore);
    return store;
  }

  return {
    /**
     * The 3G Club's work order for a customer of `storeId` (服务工单): the service levels by the
     * customer's time, the services to choose from, and the club's coming activities to tell about.
     */
    async clubWorkOrder(request: {
      storeId: string;
      from: string;
    }): Promise<{ levels: ClubServiceLevel[]; services: ClubService[]; activities: ClubActivity[] }> {
      const store = await storeOf(request.storeId);
      const to = Date.parse(request.from) + ACTIVITY_HORIZON_MS;
      const [levels, services, activities] = await Promise.all([
        clubServiceLevels(prisma),
        clubServices(prisma),
        clubActivitiesFor(prisma, store, request.from, to),
      ]);
      return { levels, services, activities };
    },

    /**
     * What the account manager presents as the VIP's 3G特色服务: the tier's local tiered services
     * and the club's coming activities near the customer's store.
     */
    async vipServiceOffer(request: {
      tier: Tier;
      storeId: string;
      from: string;
    }): Promise<{ tieredServices: TieredService[]; clubActivities: ClubActivity[] }> {
      const store = await storeOf(request.storeId);
      const [tieredServices, clubActivities] = await Promise.all([
        tieredServicesOf(prisma, request.tier),
        clubActivitiesFor(prisma, store, request.from, Date.parse(request.from) + ACTIVITY_HORIZON_MS),
      ]);
      return { tieredServices, clubActivities };
    },

    /** A promotion of the catalog by its code; null for a code the catalog does not hold. */
    async findPromotion(request: { code: string }): Promise<Promotion | null> {
      return (await promotions(prisma)).find((promotion) => promotion.code === request.code) ?? null;
    },
  };
}
