import type { PrismaClient } from '../platform/database';
import { createAnalysisActivities } from './analysis';
import { createAssignmentActivities } from './assignment';
import { createBssOrderActivities } from './bss-orders';
import { createJourneyActivities } from './journeys';
import { createJourneyRecordActivities } from './journey-record';
import { createNetworkTicketActivities } from './network-tickets';
import { createPlatformActivities } from './platform';
import type { Protection } from '../platform/protection';
import type { ActivityContract } from '../workflows/activity-contract';
import { createServicePlanActivities } from './service-plan';
import { createSmsActivities } from './sms';
import type { SmsProvider } from './sms-provider';
import { createTaskActivities } from './tasks';

/** Everything an activity may touch, passed in so tests use the same real parts as production. */
export interface ActivityDependencies {
  prisma: PrismaClient;
  smsProvider: SmsProvider;
  /** Seals SMS bodies and opens sealed passwords with the subscriber's data key. */
  protection: Pick<Protection, 'secrets' | 'sealed'>;
}

/** All activities registered on the worker. */
export function createActivities({ prisma, smsProvider, protection }: ActivityDependencies) {
  return {
    ...createPlatformActivities(prisma),
    ...createJourneyActivities(prisma),
    ...createJourneyRecordActivities(prisma, protection.sealed),
    ...createTaskActivities(prisma),
    ...createSmsActivities(prisma, smsProvider, protection),
    ...createAssignmentActivities(prisma),
    ...createAnalysisActivities(prisma),
    ...createServicePlanActivities(prisma),
    ...createNetworkTicketActivities(prisma),
    ...createBssOrderActivities(prisma),
  } satisfies ActivityContract;
}

export type Activities = ReturnType<typeof createActivities>;
