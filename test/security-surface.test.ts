import { Client } from 'pg';
import pino from 'pino';
import { ConfigError, loadConfig } from '../platform/config';
import { useApiHarness } from './support/api';
import { testStaffPassword } from './support/postgres';
import { freePort, startProjectProcess } from './support/processes';

// Finding 12 (Secure cookies behind a TLS-terminating proxy, which proxies to believe) and the low
// findings: Origin checks on sign-in and sign-out, an over-long cursor, secrets in configuration
// errors, driver errors on the public readiness probe.

const signInBody = (username: string) => ({ body: { username, password: testStaffPassword } });

/** The message a configuration is refused with, or `accepted`. */
function configRefusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    return error instanceof ConfigError ? error.message : String(error);
  }
  return 'accepted';
}

describe('cookies and proxies', () => {
  describe('by default (TRUST_PROXY loopback, no PUBLIC_URL)', () => {
    const api = useApiHarness();

    it('the cookie is Secure when the request came over https through a trusted proxy, and not over plain http', async () => {
      const plain = await api().call('POST', '/v1/sessions', signInBody('store.jn001'));
      expect(plain.headers.get('set-cookie')).not.toMatch(/; Secure/);
      const proxied = await api().call('POST', '/v1/sessions', {
        ...signInBody('store.jn001'),
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/);
    });
  });

  describe('PUBLIC_URL https, TRUST_PROXY false', () => {
    const api = useApiHarness({
      auth: {
        publicUrl: 'https://journey.example.cn',
        throttleLimits: { windowSeconds: 900, perUsername: 5, perAddress: 3 },
      },
      trustProxy: false,
    });

    it('every session cookie is Secure, sign-in and sign-out alike, even when the proxy reached us over http', async () => {
      const signedIn = await api().call('POST', '/v1/sessions', signInBody('followup.zhang'));
      expect(signedIn.headers.get('set-cookie')).toMatch(
        /^journey_session=[\w-]+; .*; HttpOnly; Secure; SameSite=Strict$/,
      );
      const page = await api().page('/ui/login', {
        form: { username: 'followup.zhang', password: testStaffPassword },
        headers: { 'x-forwarded-proto': 'http' },
      });
      expect(page.status).toBe(303);
      expect(page.headers.get('set-cookie')).toMatch(/; Secure/);
      const signedOut = await api().page('/ui/logout', { session: signedIn.body.token, form: {} });
      expect(signedOut.headers.get('set-cookie')).toMatch(/^journey_session=; .*; Secure/);
    });

    it('X-Forwarded-For from an untrusted peer is ignored: rotating it does not dodge the per-address throttle', async () => {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const forged = { 'x-forwarded-for': `203.0.113.${i}` };
        statuses.push(
          (
            await api().call('POST', '/v1/sessions', {
              body: { username: `nobody-${i}`, password: 'x' },
              headers: forged,
            })
          ).status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    });
  });

  it('PUBLIC_URL and TRUST_PROXY are read with safe defaults and refused when unsafe or malformed', () => {
    expect(loadConfig({})).toMatchObject({ TRUST_PROXY: ['loopback'] });
    expect(loadConfig({}).PUBLIC_URL).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,fd00::1' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      'loopback',
      'fd00::1',
    ]);
    expect(loadConfig({ PUBLIC_URL: 'https://journey.example.cn' }).PUBLIC_URL).toBe('https://journey.example.cn');
    expect(configRefusal({ TRUST_PROXY: 'true' })).toMatch(
      /^TRUST_PROXY: trusting every address lets any client forge/,
    );
    expect(configRefusal({ TRUST_PROXY: '10.0.0.0/33' })).toMatch(/^TRUST_PROXY: "10.0.0.0\/33" is not an address/);
    expect(configRefusal({ PUBLIC_URL: 'ftp://journey.example.cn' })).toMatch(/^PUBLIC_URL: must be an http\(s\) URL/);
    expect(configRefusal({ PUBLIC_URL: 'https://journey.example.cn/staff' })).toMatch(
      /^PUBLIC_URL: must be an origin only/,
    );
  });
});

describe('low findings', () => {
  const logLines: string[] = [];
  const harness = useApiHarness({
    log: pino({ level: 'warn' }, { write: (line: string) => logLines.push(line) }),
    readinessChecks: {
      // A dependency that refuses connections: the driver's error names the host, the port and the user.
      broken: async () =>
        new Client({ connectionString: `postgresql://journey:hunter2@127.0.0.1:${await freePort()}/x` }).connect(),
    },
  });

  it('the sign-in and sign-out forms refuse a post from another origin or without one', async () => {
    const form = { username: 'store.jn001', password: testStaffPassword };
    for (const origin of ['https://evil.example', null]) {
      const refused = await harness().page('/ui/login', { form, origin });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('set-cookie')).toBeNull();
    }
    const signedIn = await harness().page('/ui/login', { form });
    expect(signedIn.status).toBe(303);
    const session = /journey_session=([\w-]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1]!;

    expect((await harness().page('/ui/logout', { session, form: {}, origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await harness().page('/ui/logout', { session, form: {}, origin: null })).status).toBe(403);
    expect((await harness().page('/ui/tasks', { session })).status).toBe(200);
    expect((await harness().page('/ui/logout', { session, form: {} })).status).toBe(303);
  });

  it('an over-long cursor on the inbox page is a 400 page naming the field', async () => {
    const session = await harness().signIn('store.jn001');
    const page = await harness().page(`/ui/tasks?cursor=${'A'.repeat(300)}`, { session });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toMatch(/cursor: Too big: expected string to have &lt;=200 characters/);
    const garbled = await harness().page('/ui/tasks?cursor=not-a-cursor', { session });
    expect(garbled.status).toBe(400);
    expect(garbled.body).toContain('cursor: not a cursor this API gave out');
  });

  it('the public readiness probe says which check failed, never why; the log says why', async () => {
    const readiness = await harness().call('GET', '/readyz');
    expect(readiness.status).toBe(503);
    expect(readiness.body).toEqual({ ready: false, checks: { database: { ok: true }, broken: { ok: false } } });
    const failure = logLines.map((line) => JSON.parse(line)).find((line) => line.check === 'broken');
    expect(failure).toMatchObject({ msg: 'not ready', reason: expect.stringMatching(/ECONNREFUSED 127\.0\.0\.1:\d+/) });
  });

  it.each([
    ['ACTIVATION_API_TOKEN', 'short-secret-value', 'must be at least 24 characters'],
    [
      'JOURNEY_MASTER_KEYS',
      'k1:not-a-base64-key-secret-value',
      'key k1 is not 32 bytes, base64-encoded (openssl rand -base64 32)',
    ],
    ['SMS_GATEWAY_URL', 'http://sms:secret-value@[gateway', 'Invalid URL'],
  ])('a configuration error names %s and never shows its value', (variable, value, reason) => {
    expect(configRefusal({ [variable]: value })).toBe(`${variable}: ${reason}`);
  });

  it('a process stopped by a bad secret prints its name and reason, not the secret', async () => {
    const process = startProjectProcess('api/main.ts', { ACTIVATION_API_TOKEN: 'short-secret-value' });
    expect((await process.exited).code).toBe(78);
    expect(process.stderr()).toBe('api: cannot start: ACTIVATION_API_TOKEN: must be at least 24 characters\n');
  });
});
