import type { PrismaClient } from '../platform/database';
import { createPlatformActivities } from './platform';

/** Everything an activity may touch, passed in so tests use the same real parts as production. */
export interface ActivityDependencies {
  prisma: PrismaClient;
}

/** All activities registered on the worker. */
export function createActivities({ prisma }: ActivityDependencies) {
  return {
    ...createPlatformActivities(prisma),
  };
}

export type Activities = ReturnType<typeof createActivities>;
