import type { PrismaClient } from '../platform/database';
import { createAnalysisActivities } from './analysis';
import { createAssignmentActivities } from './assignment';
import { createJourneyActivities } from './journeys';
import { createNetworkTicketActivities } from './network-tickets';
import { createPlatformActivities } from './platform';
import type { SealedSecrets } from './sealed-secrets';
import { createSmsActivities } from './sms';
import type { SmsProvider } from './sms-provider';
import { createTaskActivities } from './tasks';

/** Everything an activity may touch, passed in so tests use the same real parts as production. */
export interface ActivityDependencies {
  prisma: PrismaClient;
  smsProvider: SmsProvider;
  /** Absent when no SECRET_SEALING_KEY is configured: journeys then carry no password SMS. */
  secrets?: SealedSecrets;
}

/** All activities registered on the worker. */
export function createActivities({ prisma, smsProvider, secrets }: ActivityDependencies) {
  return {
    ...createPlatformActivities(prisma),
    ...createJourneyActivities(prisma),
    ...createTaskActivities(prisma),
    ...createSmsActivities(prisma, smsProvider, secrets),
    ...createAssignmentActivities(prisma),
    ...createAnalysisActivities(prisma),
    ...createNetworkTicketActivities(prisma),
  };
}

export type Activities = ReturnType<typeof createActivities>;
