// Longer than ~250 lines on purpose: staff import, set-password links and the production seed share
// one stack and browser.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { hashSecretToken, newSecretToken } from '../api/staff-access/secret-tokens';
import { createPrismaClient } from '../platform/database';
import { localSecret } from '../devtools/local-secrets';
import { verifyPassword } from '../prisma/password';
import { demoStaff } from '../prisma/seed-data';
import { staffRoles } from '../domain/vocabulary';
import { activationToken, ApiHarness } from './support/api';
import { launchChromium, screenshot, signIn } from './support/browser';
import { createEmptyDatabase, createTestDatabase, testStaffPassword } from './support/postgres';
import { startProjectProcess } from './support/processes';

// Findings 1 and the staff half of "no demo users in production": the production seed creates no
// staff; staff are imported from a roster and set their own password through a one-time link; store
// staff always have a store; the engineer and administrator roles work no tasks.

const publicUrl = 'https://journey.example.cn';

/** Runs a project command to its end (a real process, as an operator runs it). */
async function run(entry: string, env: Record<string, string>, args: string[] = []) {
  const process = startProjectProcess(entry, env, args);
  const { code } = await process.exited;
  return { code, stdout: process.stdout(), stderr: process.stderr() };
}

async function count(databaseUrl: string, table: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

describe('no demo staff in production', () => {
  it('the production seed (the compose db-seed service) loads catalogs and stores, and no staff at all', async () => {
    const url = await createEmptyDatabase();
    const seeded = await run('prisma/seed.ts', { DATABASE_URL: url });
    expect(seeded).toMatchObject({ code: 0, stderr: '' });
    expect([await count(url, 'staff'), await count(url, 'store'), (await count(url, 'plan')) > 0]).toEqual([
      0,
      3,
      true,
    ]);
  });

  it('demo staff only behind SEED_DEMO_STAFF=1 with a password given to the seed: none is fixed in the code', async () => {
    const url = await createEmptyDatabase();
    const withoutPassword = await run('prisma/seed.ts', { DATABASE_URL: url, SEED_DEMO_STAFF: '1' });
    expect(withoutPassword.code).toBe(78);
    expect(withoutPassword.stderr).toBe(
      'seed: cannot start: DEMO_STAFF_PASSWORD: is required when SEED_DEMO_STAFF=1\n',
    );
    const short = await run('prisma/seed.ts', {
      DATABASE_URL: url,
      SEED_DEMO_STAFF: '1',
      DEMO_STAFF_PASSWORD: 'secret7',
    });
    expect(short.stderr).toBe('seed: cannot start: DEMO_STAFF_PASSWORD: must be at least 12 characters\n');

    const password = 'a-demo-password-for-this-test';
    const seeded = await run('prisma/seed.ts', {
      DATABASE_URL: url,
      SEED_DEMO_STAFF: '1',
      DEMO_STAFF_PASSWORD: password,
    });
    expect(seeded.code).toBe(0);
    const prisma = createPrismaClient(url);
    try {
      const members = await prisma.staff.findMany();
      expect(members).toHaveLength(demoStaff.length);
      expect(new Set(members.map((member) => member.role))).toEqual(new Set(staffRoles));
      const clerk = members.find((member) => member.username === 'store.jn001')!;
      expect(await verifyPassword(password, clerk.passwordHash!)).toBe(true);
      expect(await verifyPassword('demo1234', clerk.passwordHash!)).toBe(false);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('npm start makes the demo password once per data folder, random and owner-only, and keeps it', async () => {
    const [first, second] = [
      await mkdtemp(join(tmpdir(), 'journey-data-')),
      await mkdtemp(join(tmpdir(), 'journey-data-')),
    ];
    try {
      const made = await localSecret(first, 'demo-staff-password', 12);
      expect(made).toMatchObject({ created: true, value: expect.stringMatching(/^[0-9a-f]{24}$/) });
      expect((await stat(made.file)).mode & 0o777).toBe(0o600);
      expect((await stat(join(first, 'secrets'))).mode & 0o777).toBe(0o700);
      expect(await localSecret(first, 'demo-staff-password', 12)).toEqual({ ...made, created: false });
      expect((await readFile(made.file, 'utf8')).trim()).toBe(made.value);
      expect((await localSecret(second, 'demo-staff-password', 12)).value).not.toBe(made.value);
    } finally {
      await rm(first, { recursive: true, force: true });
      await rm(second, { recursive: true, force: true });
    }
  });
});

describe('staff provisioning, set-password links and roles', () => {
  let api: ApiHarness;
  let databaseUrl: string;
  let browser: Browser;
  let folder: string;
  const shots: string[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    [api, browser] = await Promise.all([ApiHarness.start({ databaseUrl }), launchChromium()]);
    folder = await mkdtemp(join(tmpdir(), 'journey-roster-'));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await rm(folder, { recursive: true, force: true });
    process.stdout.write(`screenshots: ${shots.join(', ')}\n`);
  });

  const staffAdmin = async (command: string, argument: string) =>
    run('scripts/staff-admin.ts', { DATABASE_URL: databaseUrl, PUBLIC_URL: publicUrl }, [command, argument]);
  /** Writes a roster file of these lines and imports it. */
  async function importRoster(name: string, lines: string[]) {
    const file = join(folder, name);
    await writeFile(file, lines.join('\n'));
    return { file, ...(await staffAdmin('import', file)) };
  }
  /** The links a command printed, by username. */
  const linksIn = (stdout: string) =>
    Object.fromEntries(
      [...stdout.matchAll(/^(\S+) {2}(https:\/\/journey\.example\.cn\/ui\/set-password\?token=([\w-]+)) {2}/gm)].map(
        ([, username, url, token]) => [
          username!,
          { url: url!, token: token!, local: `/ui/set-password?token=${token}` },
        ],
      ),
    );
  const staff = () => api.journeys.prisma.staff;

  it('imports a roster: new staff without a usable password, a one-time link each, only its hash stored', async () => {
    const imported = await importRoster('roster.csv', [
      'username,displayName,role,storeId,region,capacity,locale',
      'store.jn003,赵静,store,JN002,jinan,0,zh-CN',
      'am.qian,钱伟,account_manager,QD001,qingdao,40,',
      'eng.sun,孙工,engineer,,jinan,,en',
    ]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('3 staff created, 0 updated');
    const links = linksIn(imported.stdout);
    expect(Object.keys(links).sort()).toEqual(['am.qian', 'eng.sun', 'store.jn003']);

    const rows = await staff().findMany({ where: { username: { in: Object.keys(links) } }, orderBy: { id: 'asc' } });
    expect(
      rows.map(({ id, role, storeId, capacity, locale, passwordHash }) => ({
        id,
        role,
        storeId,
        capacity,
        locale,
        passwordHash,
      })),
    ).toEqual([
      { id: 'am.qian', role: 'account_manager', storeId: 'QD001', capacity: 40, locale: 'zh-CN', passwordHash: null },
      { id: 'eng.sun', role: 'engineer', storeId: null, capacity: 0, locale: 'en', passwordHash: null },
      { id: 'store.jn003', role: 'store', storeId: 'JN002', capacity: 0, locale: 'zh-CN', passwordHash: null },
    ]);
    const stored = await api.journeys.prisma.passwordLink.findMany({ where: { staffId: 'store.jn003' } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashSecretToken(links['store.jn003']!.token));
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(72 * 3_600_000);
    // No password works until one is set.
    for (const password of ['x', 'null', testStaffPassword]) {
      expect((await api.call('POST', '/v1/sessions', { body: { username: 'store.jn003', password } })).status).toBe(
        401,
      );
    }
  });

  it('the link sets a password in the browser, under the policy, once; the new password signs in', async () => {
    const { stdout } = await staffAdmin('reset-password', 'store.jn003');
    const link = linksIn(stdout)['store.jn003']!;
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${api.baseUrl}${link.local}`);
    expect(await page.locator('h1').textContent()).toBe('设置密码');
    expect(await page.getByTestId('username').textContent()).toBe('store.jn003');
    shots.push(await screenshot(page, 'set-password'));

    const submit = async (password: string, confirmation = password) => {
      await page.fill('input[name=password]', password);
      await page.fill('input[name=confirmation]', confirmation);
      const [response] = await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
      return response!.status();
    };
    expect(await submit('short')).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('新密码：至少需要 12 个字符');
    expect(await submit('my-store.JN003-password')).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('新密码：不能包含用户名');
    expect(await submit('a-long-enough-password', 'a-long-enough-passwort')).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('再次输入新密码：与新密码不一致');
    shots.push(await screenshot(page, 'set-password-refused'));
    expect(await staff().findUnique({ where: { username: 'store.jn003' } })).toMatchObject({ passwordHash: null });

    expect(await submit('a-long-enough-password')).toBe(200);
    expect(page.url()).toBe(`${api.baseUrl}/ui/login?passwordSet=1`);
    expect(await page.getByRole('status').textContent()).toContain('密码已设置');
    await signIn(page, api.baseUrl, 'store.jn003', 'a-long-enough-password');
    expect(page.url()).toBe(`${api.baseUrl}/ui/tasks`);

    // Used up: the link answers 400 naming the token, in the language asked for.
    const again = await page.goto(`${api.baseUrl}${link.local}&lang=en`);
    expect(again!.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toBe(
      'token: This set-password link is invalid, expired or already used; ask an administrator for a new one.',
    );
  });

  it('the page speaks English with ?lang=en, and its language link keeps the token', async () => {
    const link = linksIn((await staffAdmin('reset-password', 'am.qian')).stdout)['am.qian']!;
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${api.baseUrl}${link.local}`);
    expect(await page.locator('h1').textContent()).toBe('设置密码');
    await Promise.all([page.waitForURL(/lang=en/), page.click('text=English')]);
    expect(await page.locator('h1').textContent()).toBe('Set your password');
    expect(await page.getByTestId('username').textContent()).toBe('am.qian');
    await page.goto(`${api.baseUrl}${link.local}&lang=zh-CN`);
    expect(await page.locator('h1').textContent()).toBe('设置密码');
  });

  it('a new link voids the earlier one; an expired link and a cross-site post are refused', async () => {
    const first = linksIn((await staffAdmin('reset-password', 'eng.sun')).stdout)['eng.sun']!;
    const second = linksIn((await staffAdmin('reset-password', 'eng.sun')).stdout)['eng.sun']!;
    expect((await api.page(first.local)).status).toBe(400);
    expect((await api.page(second.local)).status).toBe(200);

    const form = { token: second.token, password: 'engineer-password-1', confirmation: 'engineer-password-1' };
    const crossSite = await api.page('/ui/set-password', { form, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    await api.journeys.prisma.passwordLink.updateMany({
      where: { tokenHash: hashSecretToken(second.token) },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    expect((await api.page('/ui/set-password', { form })).status).toBe(400);
    expect((await staff().findUniqueOrThrow({ where: { username: 'eng.sun' } })).passwordHash).toBeNull();

    const unknown = await staffAdmin('reset-password', 'no.such.person');
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({
      code: 65,
      stderr: 'no staff member with username no.such.person\n',
    });
  });

  it('setting a password through a link ends the sessions opened with the old one', async () => {
    const token = await api.signIn('store.jn003', 'a-long-enough-password');
    const link = linksIn((await staffAdmin('reset-password', 'store.jn003')).stdout)['store.jn003']!;
    const form = { token: link.token, password: 'another-good-password', confirmation: 'another-good-password' };
    expect((await api.page('/ui/set-password', { form })).status).toBe(303);
    expect((await api.call('GET', '/v1/tasks', { token })).status).toBe(401);
  });

  it('importing again updates the staff fields and never a password; no link for existing staff', async () => {
    const before = await staff().findUniqueOrThrow({ where: { username: 'store.jn003' } });
    const token = await api.signIn('store.jn003', 'another-good-password');
    const again = await importRoster('roster-2.csv', [
      'username,displayName,role,storeId,region,capacity,locale,active',
      'store.jn003,赵静静,store,JN001,jinan,0,en,true',
      'am.qian,钱伟,account_manager,QD001,qingdao,40,,false',
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 staff created, 2 updated (passwords unchanged)');
    expect(linksIn(again.stdout)).toEqual({});
    const after = await staff().findUniqueOrThrow({ where: { username: 'store.jn003' } });
    expect(after).toEqual({ ...before, displayName: '赵静静', storeId: 'JN001', locale: 'en' });
    // The signed-in clerk works for the new store from their next request.
    expect((await api.call('GET', '/v1/tasks?storeId=JN001', { token, route: '/v1/tasks' })).status).toBe(200);
    expect((await staff().findUniqueOrThrow({ where: { username: 'am.qian' } })).active).toBe(false);
  });

  it('deactivating a member ends their sessions and unused links: reactivating revives neither', async () => {
    const roster = (active: boolean) => [
      'username,displayName,role,storeId,region,capacity,locale,active',
      `store.jn003,赵静静,store,JN001,jinan,0,en,${active}`,
    ];
    const token = await api.signIn('store.jn003', 'another-good-password');
    const link = linksIn((await staffAdmin('reset-password', 'store.jn003')).stdout)['store.jn003']!;
    expect((await importRoster('deactivate.csv', roster(false))).code).toBe(0);
    expect((await importRoster('reactivate.csv', roster(true))).code).toBe(0);
    expect((await api.call('GET', '/v1/tasks', { token })).status).toBe(401);
    const form = { token: link.token, password: 'a-third-good-password', confirmation: 'a-third-good-password' };
    expect((await api.page('/ui/set-password', { form })).status).toBe(400);
    // Their password was never changed: they sign in again with it.
    expect(
      (await api.call('POST', '/v1/sessions', { body: { username: 'store.jn003', password: 'another-good-password' } }))
        .status,
    ).toBe(200);
  });

  it('a roster with bad rows is refused whole, naming each line and field; nothing is written', async () => {
    const staffBefore = await staff().findMany({ orderBy: { id: 'asc' } });
    const refused = await importRoster('bad.csv', [
      'username,displayName,role,storeId,region,capacity',
      'store.ok,好人,store,JN001,jinan,0',
      'Store Bad,坏名字,store,JN001,jinan,0',
      'club.nostore,俱乐部,club,,jinan,0',
      'tm.new,外呼,cashier,,jinan,-1',
      'am.nowhere,客户经理,account_manager,XX999,jinan,5',
      'store.ok,重复,store,JN001,jinan,0',
      'short,row',
    ]);
    expect(refused.code).toBe(65);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toEqual([
      `${refused.file} line 3, username: 2 to 64 lowercase letters, digits, dots, dashes or underscores`,
      `${refused.file} line 4, storeId: required for club staff`,
      `${refused.file} line 5, role: one of ${staffRoles.join(', ')}`,
      `${refused.file} line 5, capacity: zero or more`,
      `${refused.file} line 6, storeId: no store XX999`,
      `${refused.file} line 7, username: also on line 2`,
      `${refused.file} line 8, (row): 2 fields where the header has 6`,
      `nothing imported: 7 problem(s) in ${refused.file}`,
    ]);
    expect(await staff().findMany({ orderBy: { id: 'asc' } })).toEqual(staffBefore);

    const unknownColumn = await importRoster('columns.csv', ['username,name,role,region', 'x.y,X,store,jinan']);
    expect(unknownColumn.stderr).toContain(`${unknownColumn.file} line 1, name: unknown column`);
    expect(unknownColumn.stderr).toContain(`${unknownColumn.file} line 1, displayName: missing column`);
  });

  it('the database refuses a store or club staff member without a store', async () => {
    const member = { id: 'S-NOSTORE', username: 'store.nostore', displayName: '无门店', region: 'jinan' };
    await expect(staff().create({ data: { ...member, role: 'store' } })).rejects.toThrow(/staff_store_role_has_store/);
    await expect(staff().create({ data: { ...member, role: 'club' } })).rejects.toThrow(/staff_store_role_has_store/);
    await expect(staff().update({ where: { id: 'S-STORE-JN001' }, data: { storeId: null } })).rejects.toThrow(
      /staff_store_role_has_store/,
    );
  });

  it('a store clerk without a store from before the rule is refused at sign-in, and so is their open session', async () => {
    // A row written before the constraint existed (it is NOT VALID: old rows are not checked).
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const { hash, token } = newSecretToken();
    try {
      await client.query('ALTER TABLE staff DROP CONSTRAINT staff_store_role_has_store');
      await client.query(
        `INSERT INTO staff (id, username, display_name, role, store_id, region, password_hash)
         SELECT 'S-LEGACY', 'store.legacy', '老店员', 'store', NULL, 'jinan', password_hash FROM staff WHERE id = 'S-STORE-JN001'`,
      );
      await client.query(
        `ALTER TABLE staff ADD CONSTRAINT staff_store_role_has_store
           CHECK (role NOT IN ('store', 'club') OR store_id IS NOT NULL) NOT VALID`,
      );
      await client.query(
        `INSERT INTO staff_session (id, token_hash, staff_id, created_at, last_seen_at, expires_at)
         VALUES ('legacy-session', $1, 'S-LEGACY', now(), now(), now() + interval '1 hour')`,
        [hash],
      );
    } finally {
      await client.end();
    }
    const signIn = await api.call('POST', '/v1/sessions', {
      body: { username: 'store.legacy', password: testStaffPassword },
    });
    expect(signIn.status).toBe(403);
    expect(signIn.body.error).toEqual({
      code: 'staff_without_store',
      message: 'store staff need a store; ask an administrator to set it',
    });
    expect((await api.call('GET', '/v1/tasks', { token })).status).toBe(401);
    expect(await api.page('/ui/tasks', { session: token })).toMatchObject({ status: 303, location: '/ui/login' });
  });

  it('engineers and administrators have no task inbox: theirs is empty while tasks are open', async () => {
    const profile = await api.activation();
    expect((await api.call('POST', '/v1/subscribers', { token: activationToken, body: profile })).status).toBe(201);
    await api.journeys.task(
      api.journeys.env.client.workflow.getHandle(`journey-${profile.subscriberId}`),
      'onboarding_coaching',
    );
    const supervisor = await api.signIn('supervisor.sun');
    expect((await api.call('GET', '/v1/tasks', { token: supervisor })).body.tasks.length).toBeGreaterThan(0);
    for (const username of ['engineer.zhou', 'admin.wu']) {
      const token = await api.signIn(username);
      expect((await api.call('GET', '/v1/tasks', { token })).body).toEqual({ tasks: [] });
      expect((await api.call('GET', '/v1/tasks?role=store', { token, route: '/v1/tasks' })).status).toBe(403);
      const page = await api.page('/ui/tasks', { session: token });
      expect(page.status).toBe(200);
      expect(page.body).toContain('没有符合条件的任务');
    }
  });
});
