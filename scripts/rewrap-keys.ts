/**
 * `npm run keys:rewrap`: after a new master key was put first in JOURNEY_MASTER_KEYS, re-wraps every
 * subscriber's data key with it. Then the old master key can be dropped from the keyring (once no
 * history encrypted with it directly, i.e. of a workflow that belongs to no subscriber, is still read).
 */
import { loadConfig, requireMasterKeys } from '../platform/config';
import { createPrismaClient } from '../platform/database';
import { runMain } from '../platform/main';
import { createProtection } from '../platform/protection';

runMain('keys', async (log) => {
  const config = loadConfig();
  const prisma = createPrismaClient(config.DATABASE_URL);
  try {
    const rewrapped = await createProtection(prisma, requireMasterKeys(config)).keys.rewrap();
    log.info({ rewrapped }, 'data keys re-wrapped with the active master key');
  } finally {
    await prisma.$disconnect();
  }
});
