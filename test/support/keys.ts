import type { PrismaClient } from '../../platform/database';
import { createProtection, type Protection } from '../../platform/protection';

/** The tests' master keys (JOURNEY_MASTER_KEYS): histories, SMS bodies and passwords are encrypted as in production. */
export const testMasterKeys = `test:${Buffer.alloc(32, 7).toString('base64')}`;

/** The encryption of a test's processes over its database, for clients that read their journeys. */
export function testProtection(prisma: PrismaClient): Protection {
  return createProtection(prisma, testMasterKeys);
}
