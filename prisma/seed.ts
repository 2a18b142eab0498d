import { loadConfig } from '../platform/config';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { runMain } from '../platform/main';
import { applyMigrations } from './migrate';
import { hashPassword } from './password';
import { demoStaffPassword, plans, staff, stores, valueAddedServices } from './seed-data';

/**
 * Loads the catalogs, stores and demo staff. Idempotent: catalogs are brought to the seed's figures,
 * existing staff (and their passwords) are left as they are.
 */
export async function seedDatabase(prisma: PrismaClient): Promise<void> {
  for (const plan of plans) await prisma.plan.upsert({ where: { code: plan.code }, create: plan, update: plan });
  for (const service of valueAddedServices) {
    await prisma.valueAddedService.upsert({ where: { code: service.code }, create: service, update: service });
  }
  for (const store of stores) await prisma.store.upsert({ where: { id: store.id }, create: store, update: store });
  const existing = new Set((await prisma.staff.findMany({ select: { id: true } })).map((member) => member.id));
  for (const member of staff) {
    if (existing.has(member.id)) continue;
    await prisma.staff.create({ data: { ...member, passwordHash: await hashPassword(demoStaffPassword) } });
  }
}

if (require.main === module) {
  // `npm run db:seed` (and the compose `db-seed` service): migrations, then the seed.
  runMain('seed', async (log) => {
    const { DATABASE_URL } = loadConfig();
    await applyMigrations(DATABASE_URL, log);
    const prisma = createPrismaClient(DATABASE_URL);
    try {
      await seedDatabase(prisma);
    } finally {
      await prisma.$disconnect();
    }
    log.info(
      { plans: plans.length, valueAddedServices: valueAddedServices.length, staff: staff.length },
      'seed loaded',
    );
  });
}
