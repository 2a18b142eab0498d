import { readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createPrismaClient, type PrismaClient } from '../platform/database';
import { randomPostgresPasswords, type EmbeddedPostgresPasswords } from '../devtools/embedded-postgres';
import { createLogger } from '../platform/logger';
import { applyMigrations } from '../prisma/migrate';
import { verifyPassword } from '../prisma/password';
import { seedDatabase } from '../prisma/seed';
import { demoStaff, plans, valueAddedServices } from '../prisma/seed-data';
import { staffRoles } from '../domain/vocabulary';
import { createEmptyDatabase, createTestDatabase, testStaffPassword } from './support/postgres';
import { freePort, startProjectProcess } from './support/processes';

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

// `npm start`'s PostgreSQL (devtools/embedded-postgres.ts): no superuser on a known password, the
// application a role of its own. A data folder an earlier release initialised (superuser `postgres`,
// password `postgres`, everything owned by it) is brought to the same state at its next start.
describe('the embedded PostgreSQL of npm start', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'journey-embedded-pg-'));
    await chmod(root, 0o755);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** The server as `npm start` starts it, in a process of its own (see the support script). */
  async function startEmbeddedPostgres({
    dataDir,
    port,
    passwords,
  }: {
    dataDir: string;
    port: number;
    passwords: EmbeddedPostgresPasswords;
    log: unknown;
  }) {
    const server = startProjectProcess('test/support/embedded-postgres-process.ts', {
      POSTGRES_DIR: dataDir,
      POSTGRES_PORT: String(port),
      POSTGRES_PASSWORDS: JSON.stringify(passwords),
    });
    const deadline = Date.now() + 60_000;
    const ready = () =>
      server
        .stdout()
        .split('\n')
        .find((line) => line.includes('"adminUrl"'));
    while (!ready()) {
      if (server.child.exitCode !== null || Date.now() > deadline) throw new Error(`no server: ${server.stderr()}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    const urls = JSON.parse(ready()!) as { url: string; adminUrl: string; temporalUrl: string };
    return {
      ...urls,
      async stop() {
        server.child.kill('SIGTERM');
        await server.exited;
      },
    };
  }

  const refusal = async (connection: object) => {
    const client = new Client(connection);
    try {
      await client.connect();
      return 'connected';
    } catch (error) {
      return (error as { code?: string }).code;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const query = async (url: string, sql: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('refuses the superuser on the former password; the app is no superuser and owns its database', async () => {
    const port = await freePort();
    const dataDir = join(root, 'fresh');
    const postgres = await startEmbeddedPostgres({ dataDir, port, passwords: randomPostgresPasswords(), log });
    try {
      const superuser = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
      expect(await refusal({ ...superuser, password: 'postgres' })).toBe('28P01');
      expect(await refusal({ ...superuser, password: undefined })).not.toBe('connected');
      expect(
        await query(postgres.url, 'SELECT rolsuper, rolcreatedb FROM pg_roles WHERE rolname = current_user'),
      ).toEqual([{ rolsuper: false, rolcreatedb: false }]);
      expect(await applyMigrations(postgres.url, log)).toEqual({ applied: migrationNames });
      await expect(query(postgres.url, 'SELECT * FROM pg_authid')).rejects.toThrow(/permission denied/);
      expect(
        await query(postgres.temporalUrl, 'SELECT rolsuper, rolcreatedb FROM pg_roles WHERE rolname = current_user'),
      ).toEqual([{ rolsuper: false, rolcreatedb: true }]);
    } finally {
      await postgres.stop();
    }
  }, 120_000);

  it('takes a folder of an earlier release over: new superuser password, its tables handed to the app', async () => {
    const port = await freePort();
    const dataDir = join(root, 'earlier');
    const earlier = await startEmbeddedPostgres({
      dataDir,
      port,
      passwords: { superuser: 'postgres', app: 'x', temporal: 'y' },
      log,
    });
    // As an earlier release left it: the superuser owns the database and every table in it.
    await query(earlier.adminUrl, 'ALTER DATABASE journey OWNER TO postgres');
    const superuserJourney = new URL(earlier.adminUrl);
    superuserJourney.pathname = '/journey';
    await applyMigrations(superuserJourney.toString(), log);
    await earlier.stop();

    const passwords = randomPostgresPasswords();
    const postgres = await startEmbeddedPostgres({ dataDir, port, passwords, log });
    try {
      const superuser = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
      expect(await refusal({ ...superuser, password: 'postgres' })).toBe('28P01');
      expect(await refusal({ ...superuser, password: passwords.superuser })).toBe('connected');
      const owners = await query(
        postgres.url,
        "SELECT DISTINCT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relnamespace = 'public'::regnamespace",
      );
      expect(owners).toEqual([{ owner: 'journey' }]);
      expect(await applyMigrations(postgres.url, log)).toEqual({ applied: [] });
      expect(await query(postgres.url, 'SELECT count(*)::int AS n FROM plan')).toEqual([{ n: 0 }]);
    } finally {
      await postgres.stop();
    }
  }, 120_000);
});
