import { randomBytes, scryptSync } from 'node:crypto';
import { hashPassword, passwordHashParameters, verifyPassword } from '../prisma/password';
import { ApiHarness } from './support/api';
import { createTestDatabase, testStaffPassword } from './support/postgres';
import { freePort, startProjectProcess, waitForOk, type ProjectProcess } from './support/processes';

// Finding 11: one sign-in throttle in PostgreSQL for both sign-in routes and every API process,
// per username whatever the address and per address whatever the username; scrypt at N=2^17 with
// older hashes upgraded on the way.
describe('sign-in throttling and password hashing', () => {
  const perAddress = 12;
  let api: ApiHarness;
  let otherProcess: ProjectProcess;
  let otherUrl: string;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    api = await ApiHarness.start({
      databaseUrl,
      // The production per-address limit (50) would take 50 scrypt checks to reach; the rule is the same.
      auth: { throttleLimits: { windowSeconds: 900, perUsername: 5, perAddress } },
    });
    const port = await freePort();
    otherUrl = `http://127.0.0.1:${port}`;
    otherProcess = startProjectProcess('api/main.ts', {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: api.journeys.env.address,
      API_PORT: String(port),
    });
    await waitForOk(`${otherUrl}/readyz`, otherProcess, 60_000);
  }, 90_000);
  afterAll(async () => {
    if (otherProcess?.child.exitCode === null) otherProcess.child.kill('SIGTERM');
    await otherProcess?.exited;
    await api?.stop();
  });

  /** A sign-in through the API (`/v1/sessions`) or the sign-in page, from `address` as the proxy reports it. */
  async function attempt(
    route: 'api' | 'page',
    username: string,
    password: string,
    address: string,
    base = api.baseUrl,
  ): Promise<{ status: number; retryAfter: number | undefined; body: string }> {
    const page = route === 'page';
    const response = await fetch(`${base}${page ? '/ui/login' : '/v1/sessions'}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'x-forwarded-for': address,
        ...(page
          ? { 'content-type': 'application/x-www-form-urlencoded', origin: base }
          : { 'content-type': 'application/json' }),
      },
      body: page ? new URLSearchParams({ username, password }).toString() : JSON.stringify({ username, password }),
    });
    const retryAfter = response.headers.get('retry-after');
    return {
      status: response.status,
      retryAfter: retryAfter ? Number(retryAfter) : undefined,
      body: await response.text(),
    };
  }

  it('hashes new passwords with scrypt N=2^17, r=8, p=1, parameters in the hash', async () => {
    expect(passwordHashParameters).toEqual({ N: 131072, r: 8, p: 1 });
    const started = process.hrtime.bigint();
    const hash = await hashPassword('correct horse battery staple');
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`one scrypt hash at N=2^17, r=8, p=1: ${ms.toFixed(0)} ms\n`);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    // A stored hash asking for absurd work (or malformed) never verifies instead of tying up memory.
    expect(await verifyPassword('x', hash.replace('$131072$', '$4194304$'))).toBe(false);
  });

  it('an N=2^14 hash still verifies; a successful sign-in re-hashes it at N=2^17, a failed one does not', async () => {
    const salt = randomBytes(16);
    const old = ['scrypt', 16384, 8, 1, salt.toString('base64')].join('$');
    const oldHash = `${old}$${scryptSync('an-old-password-1', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')}`;
    const staff = api.journeys.prisma.staff;
    await staff.update({ where: { username: 'hotline.chen' }, data: { passwordHash: oldHash } });

    expect((await attempt('api', 'hotline.chen', 'not-the-password', '198.51.100.1')).status).toBe(401);
    expect((await staff.findUniqueOrThrow({ where: { username: 'hotline.chen' } })).passwordHash).toBe(oldHash);

    expect((await attempt('api', 'hotline.chen', 'an-old-password-1', '198.51.100.1')).status).toBe(200);
    const upgraded = (await staff.findUniqueOrThrow({ where: { username: 'hotline.chen' } })).passwordHash!;
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('an-old-password-1', upgraded)).toBe(true);
    expect((await attempt('page', 'hotline.chen', 'an-old-password-1', '198.51.100.1')).status).toBe(303);
  });

  it('five failures for one username, from five addresses over both routes, then 429 with Retry-After on both', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const route = i % 2 === 0 ? 'api' : 'page';
      statuses.push((await attempt(route, 'tm.liu', `guess-${i}`, `203.0.113.${i + 1}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);

    const refused = await attempt('api', 'tm.liu', 'guess-5', '203.0.113.99');
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error.code).toBe('too_many_attempts');
    expect(refused.retryAfter).toBeGreaterThan(880);
    expect(refused.retryAfter).toBeLessThanOrEqual(900);
    // The right password does not get through either (the throttle answers before any check), nor the page.
    expect((await attempt('api', 'tm.liu', testStaffPassword, '203.0.113.100')).status).toBe(429);
    const page = await attempt('page', 'tm.liu', testStaffPassword, '203.0.113.101');
    expect(page.status).toBe(429);
    expect(page.retryAfter).toBeGreaterThan(880);
    expect(page.body).toContain('登录失败次数过多，请 15 分钟后再试。');
    // Other usernames are not affected.
    expect((await attempt('api', 'followup.zhang', testStaffPassword, '203.0.113.99')).status).toBe(200);
  });

  it('failures from one address over many usernames, then 429 for any username from it; other addresses go on', async () => {
    for (let i = 0; i < perAddress; i++) {
      expect((await attempt('api', `nobody-${i}`, 'guess', '192.0.2.50')).status).toBe(401);
    }
    const refused = await attempt('page', 'am.li', testStaffPassword, '192.0.2.50');
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBeGreaterThan(880);
    expect((await attempt('page', 'am.li', testStaffPassword, '192.0.2.51')).status).toBe(303);
  });

  it('holds across API processes: failures on one count on the other', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const base = i % 2 === 0 ? api.baseUrl : otherUrl;
      statuses.push((await attempt(i < 3 ? 'api' : 'page', 'club.jn', `guess-${i}`, `198.18.0.${i}`, base)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect((await attempt('api', 'club.jn', 'guess', '198.18.0.9', otherUrl)).status).toBe(429);
    expect((await attempt('page', 'club.jn', 'guess', '198.18.0.9', api.baseUrl)).status).toBe(429);
  });
});
