import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { createLogger } from '../platform/logger';
import { applyMigrations } from '../prisma/migrate';
import { verifyPassword } from '../prisma/password';
import { seedDatabase } from '../prisma/seed';
import { demoStaff, plans, valueAddedServices } from '../prisma/seed-data';
import { staffRoles } from '../workflows/domain';
import { createEmptyDatabase, createTestDatabase, testStaffPassword } from './support/postgres';

const log = createLogger('test', 'silent');

/** Every migration folder, in the order they apply. */
const migrationNames = readdirSync(join(__dirname, '..', 'prisma', 'migrations'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('migrations', () => {
  let url: string;
  beforeAll(async () => {
    url = await createEmptyDatabase();
  });

  it('apply from scratch once, then find nothing to do', async () => {
    const first = await applyMigrations(url, log);
    expect(migrationNames[0]).toBe('20261125000000_init');
    expect(first.applied).toEqual(migrationNames);
    expect((await applyMigrations(url, log)).applied).toEqual([]);
  });

  it('keep Prisma’s own bookkeeping, so `prisma migrate deploy` accepts the database', async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
    await client.end();
    expect(rows).toHaveLength(migrationNames.length);
    expect(rows[0]).toMatchObject({
      migration_name: '20261125000000_init',
      applied_steps_count: 1,
      rolled_back_at: null,
      logs: null,
    });
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].finished_at).toBeInstanceOf(Date);
  });

  it('refuse a migration that was changed after it was applied', async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`UPDATE "_prisma_migrations" SET checksum = repeat('0', 64)`);
    await client.end();
    await expect(applyMigrations(url, log)).rejects.toThrow(/20261125000000_init was modified after it was applied/);
  });

  it('serialise concurrent starts (worker and API together)', async () => {
    const fresh = await createEmptyDatabase();
    const results = await Promise.all([
      applyMigrations(fresh, log),
      applyMigrations(fresh, log),
      applyMigrations(fresh, log),
    ]);
    expect(results.map((result) => result.applied.length).sort()).toEqual([0, 0, migrationNames.length]);
  });
});

describe('seed data', () => {
  let prisma: PrismaClient;
  beforeAll(async () => {
    prisma = createPrismaClient(await createTestDatabase());
  });
  afterAll(() => prisma.$disconnect());

  it('is idempotent: a second (production) run changes no counts', async () => {
    const counts = async () => [
      await prisma.plan.count(),
      await prisma.valueAddedService.count(),
      await prisma.store.count(),
      await prisma.staff.count(),
    ];
    const before = await counts();
    await seedDatabase(prisma);
    expect(await counts()).toEqual(before);
    expect(before).toEqual([plans.length, valueAddedServices.length, 3, demoStaff.length]);
  });

  it('has demo staff for every role in the development seed, with hashed passwords', async () => {
    const members = await prisma.staff.findMany();
    expect(new Set(members.map((member) => member.role))).toEqual(new Set(staffRoles));
    const clerk = members.find((member) => member.username === 'store.jn001')!;
    expect(clerk.passwordHash).not.toContain(testStaffPassword);
    expect(await verifyPassword(testStaffPassword, clerk.passwordHash!)).toBe(true);
    expect(await verifyPassword('wrong', clerk.passwordHash!)).toBe(false);
  });

  it('holds the plan’s example A66 with its standard overage rates', async () => {
    const a66 = await prisma.plan.findUniqueOrThrow({ where: { code: 'A66' } });
    expect({
      fee: Number(a66.monthlyFee),
      voice: Number(a66.voiceOveragePerMin),
      data: Number(a66.dataOveragePerKB),
    }).toEqual({
      fee: 66,
      voice: 0.15,
      data: 0.0003,
    });
  });

  it('rejects a second SMS with the same idempotency key', async () => {
    await prisma.subscriber.create({
      data: {
        id: 'SUB-DB-1',
        msisdn: '13800000001',
        name: '测试',
        activatedAt: new Date(),
        storeId: 'JN001',
        planCode: 'A66',
        paymentType: 'prepaid',
        tier: 'standard',
        portIn: false,
        dnd: false,
      },
    });
    const sms = {
      idempotencyKey: 'journey-SUB-DB-1:sms:welcome',
      subscriberId: 'SUB-DB-1',
      template: 'welcome',
      category: 'service' as const,
      locale: 'zh-CN',
      status: 'sent' as const,
      provider: 'outbox',
    };
    await prisma.smsMessage.create({ data: sms });
    await expect(prisma.smsMessage.create({ data: sms })).rejects.toThrow(/Unique constraint/);
  });
});
