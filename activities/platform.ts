import type { PrismaClient } from '../platform/database';

/** Activities that report on the platform itself rather than on a journey. */
export function createPlatformActivities(prisma: PrismaClient) {
  return {
    /** Reads PostgreSQL's version: proves the worker's database connection works. */
    async describeDatabase(): Promise<{ serverVersion: string }> {
      const rows = await prisma.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
      return { serverVersion: rows[0]?.server_version ?? 'unknown' };
    },
  };
}
