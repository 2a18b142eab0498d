import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../prisma/generated/client';

export type { PrismaClient };

/**
 * Creates the Prisma client of a process, on the node-postgres driver adapter (no native query
 * engine, so nothing is downloaded at run time). One client per process; it pools connections.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
