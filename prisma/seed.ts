import { z } from 'zod';
import type { Localized } from '../domain/localized';
import { ConfigError, loadConfig } from '../platform/config';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { runMain } from '../platform/main';
import { applyMigrations } from './migrate';
import { hashPassword } from './password';
import {
  clubActivities,
  clubServiceLevels,
  clubServices,
  demoStaff,
  plans,
  promotions,
  storeHours,
  stores,
  tieredServices,
  valueAddedServices,
} from './seed-data';

export interface SeedOptions {
  /** Development only: also create the demo staff of every role, with this password. */
  demoStaffPassword?: string;
  /** Give existing demo staff that password too (a data folder's demo password was just made). */
  resetDemoStaffPasswords?: boolean;
}

/**
 * Loads the catalogs and stores; with `demoStaffPassword`, the demo staff as well. Production staff
 * come from `npm run staff:import`, never from here. Idempotent: catalogs are brought to the seed's
 * figures, existing staff (and their passwords) are left as they are unless asked otherwise.
 */
export async function seedDatabase(prisma: PrismaClient, options: SeedOptions = {}): Promise<void> {
  for (const plan of plans) await prisma.plan.upsert({ where: { code: plan.code }, create: plan, update: plan });
  for (const service of valueAddedServices) {
    await prisma.valueAddedService.upsert({ where: { code: service.code }, create: service, update: service });
  }
  for (const store of stores) await prisma.store.upsert({ where: { id: store.id }, create: store, update: store });
  for (const hours of storeHours) {
    await prisma.workingHours.upsert({ where: { calendar: hours.calendar }, create: hours, update: {} });
  }
  await seedServicePlanCatalogs(prisma);
  const password = options.demoStaffPassword;
  if (password === undefined) return;
  const existing = new Set((await prisma.staff.findMany({ select: { id: true } })).map((member) => member.id));
  const wanted = demoStaff.filter((member) => options.resetDemoStaffPasswords || !existing.has(member.id));
  // Hashed side by side: scrypt runs on libuv's thread pool.
  const hashes = await Promise.all(wanted.map(() => hashPassword(password)));
  for (const [index, member] of wanted.entries()) {
    const passwordHash = hashes[index]!;
    await prisma.staff.upsert({
      where: { id: member.id },
      create: { ...member, passwordHash },
      update: { passwordHash },
    });
  }
}

/** A text in both languages as a table's two columns: `name` and `name_en`, `title` and `title_en`… */
function columns<Column extends string>(column: Column, text: Localized): Record<Column | `${Column}En`, string> {
  return { [column]: text['zh-CN'], [`${column}En`]: text.en } as Record<Column | `${Column}En`, string>;
}

/** The catalogs of the operator's service plan: the 3G Club, tiered services, club activities, promotions. */
async function seedServicePlanCatalogs(prisma: PrismaClient): Promise<void> {
  for (const level of clubServiceLevels) {
    const row = {
      code: level.code,
      ...columns('name', level.name),
      ...columns('forCustomers', level.forCustomers),
      minMinutes: level.minMinutes,
      maxMinutes: level.maxMinutes,
    };
    await prisma.clubServiceLevel.upsert({ where: { code: level.code }, create: row, update: row });
  }
  for (const [position, service] of clubServices.entries()) {
    const row = {
      code: service.code,
      kind: service.kind,
      phoneSystem: service.kind === 'app_install' ? service.phoneSystem : null,
      club: service.kind === 'join_club' ? service.club : null,
      ...columns('name', service.name),
      ...columns('description', service.description),
      typicalMinutes: service.typicalMinutes,
      position,
    };
    await prisma.clubService.upsert({ where: { code: service.code }, create: row, update: row });
  }
  for (const service of tieredServices) {
    const row = {
      tier: service.tier,
      code: service.code,
      ...columns('name', service.name),
      ...columns('detail', service.detail),
      position: service.position,
    };
    const where = { tier_code: { tier: service.tier, code: service.code } };
    await prisma.tieredService.upsert({ where, create: row, update: row });
  }
  for (const activity of clubActivities) {
    const row = {
      id: activity.id,
      club: activity.club,
      region: activity.region,
      storeId: activity.storeId,
      ...columns('title', activity.title),
      ...columns('venue', activity.venue),
      startsAt: new Date(activity.startsAt),
      endsAt: new Date(activity.endsAt),
    };
    await prisma.clubActivity.upsert({ where: { id: activity.id }, create: row, update: row });
  }
  for (const promotion of promotions) {
    const row = {
      code: promotion.code,
      ...columns('name', promotion.name),
      ...columns('description', promotion.description),
      region: promotion.region,
      launchAt: new Date(promotion.launchAt),
      endsAt: promotion.endsAt === null ? null : new Date(promotion.endsAt),
    };
    await prisma.promotion.upsert({ where: { code: promotion.code }, create: row, update: row });
  }
}

/** `SEED_DEMO_STAFF=1` asks for the demo staff, with `DEMO_STAFF_PASSWORD` (12+ characters) as their password. */
const seedEnvironment = z.object({
  SEED_DEMO_STAFF: z.enum(['0', '1'], { error: 'must be 0 or 1' }).default('0'),
  DEMO_STAFF_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
});

function seedOptionsFrom(env: NodeJS.ProcessEnv): SeedOptions {
  const parsed = seedEnvironment.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0]), issue.message);
  }
  if (parsed.data.SEED_DEMO_STAFF === '0') return {};
  if (!parsed.data.DEMO_STAFF_PASSWORD)
    throw new ConfigError('DEMO_STAFF_PASSWORD', 'is required when SEED_DEMO_STAFF=1');
  return { demoStaffPassword: parsed.data.DEMO_STAFF_PASSWORD };
}

if (require.main === module) {
  // `npm run db:seed` (and the compose `db-seed` service): migrations, then the production seed.
  runMain('seed', async (log) => {
    const { DATABASE_URL } = loadConfig();
    const options = seedOptionsFrom(process.env);
    await applyMigrations(DATABASE_URL, log);
    const prisma = createPrismaClient(DATABASE_URL);
    try {
      await seedDatabase(prisma, options);
    } finally {
      await prisma.$disconnect();
    }
    log.info(
      {
        plans: plans.length,
        valueAddedServices: valueAddedServices.length,
        stores: stores.length,
        clubServices: clubServices.length,
        tieredServices: tieredServices.length,
        clubActivities: clubActivities.length,
        promotions: promotions.length,
        demoStaff: options.demoStaffPassword ? demoStaff.length : 0,
      },
      'seed loaded',
    );
  });
}
