import { Client } from 'pg';
import pino from 'pino';
import { loadConfig } from '../platform/config';
import { historyPayloads } from '../platform/payload-codec';
import { useApiHarness } from './support/api';
import { configRefusal } from './support/config';
import { allDone } from './support/journey-harness';
import { testStaffPassword } from './support/postgres';
import { freePort, startProjectProcess } from './support/processes';

// Finding 12 (Secure cookies behind a TLS-terminating proxy, which proxies to believe) and the low
// findings: Origin checks on sign-in and sign-out, an over-long cursor, secrets in configuration
// errors, driver errors on the public readiness probe.

const signInBody = (username: string) => ({ body: { username, password: testStaffPassword } });

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

describe('second review, low findings', () => {
  const logLines: string[] = [];
  const harness = useApiHarness({ log: pino({ level: 'info' }, { write: (line: string) => logLines.push(line) }) });

  it('a task the caller may not see is a 404 on the API as on the pages, whatever the body says', async () => {
    const handle = await harness().activate({ storeId: 'QD001' });
    const task = await harness().journeys.task(handle, 'onboarding_coaching');
    const clerk = await harness().signIn('store.jn001');
    for (const outcome of [{}, { checklist: {} }, allDone(task)]) {
      const answer = await harness().call('POST', `/v1/tasks/${task.id}/complete`, { token: clerk, body: { outcome } });
      expect([answer.status, answer.body.error.code, JSON.stringify(answer.body)]).toEqual([
        404,
        'task_not_found',
        expect.not.stringContaining('QD001'),
      ]);
    }
    expect((await harness().page(`/ui/tasks/${task.id}`, { session: clerk })).status).toBe(404);
    expect((await harness().journeys.state(handle)).tasks.find((t) => t.id === task.id)?.status).toBe('open');
  });

  it('POST /v1/sessions takes JSON only, and no other origin: no login CSRF', async () => {
    const form = await fetch(`${harness().baseUrl}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'store.jn001', password: testStaffPassword }).toString(),
    });
    expect(form.status).toBe(415);
    expect(form.headers.get('set-cookie')).toBeNull();
    const foreign = await harness().call('POST', '/v1/sessions', {
      ...signInBody('store.jn001'),
      headers: { origin: 'https://evil.example' },
    });
    expect([foreign.status, foreign.headers.get('set-cookie')]).toEqual([403, null]);
    const own = await harness().call('POST', '/v1/sessions', {
      ...signInBody('store.jn001'),
      headers: { origin: harness().baseUrl },
    });
    expect(own.status).toBe(200);
  });

  it('out-of-range dates and malformed codec payloads are a 400 naming the field, not a 500', async () => {
    const supervisor = await harness().signIn('supervisor.sun');
    const lift = await harness().call('GET', '/v1/reports/lift?activatedFrom=0001-01-01', { token: supervisor });
    expect([lift.status, lift.body.error.details]).toEqual([
      400,
      [expect.objectContaining({ field: 'activatedFrom' })],
    ]);
    expect((await harness().page('/ui/lift?activatedFrom=0001-01-01', { session: supervisor })).status).toBe(400);
    const engineer = await harness().signIn('engineer.zhou');
    for (const [payloads, field] of [
      [[null], 'payloads.0'],
      [[{ data: 7 }], 'payloads.0.data'],
      [[{ metadata: { encoding: {} } }], 'payloads.0.metadata'],
    ] as const) {
      const decode = await harness().call('POST', '/codec/decode', { token: engineer, body: { payloads } });
      expect([decode.status, decode.body.error.details[0].field]).toEqual([400, field]);
    }
  });

  it('the codec server decodes for engineers, names whose payloads they read, and seals nothing', async () => {
    const handle = await harness().activate();
    await harness().journeys.until(handle, (state) => state.sms.length > 0);
    const subscriberId = handle.workflowId.replace(/^journey-/, '');
    const { history } = await harness().journeys.env.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: handle.workflowId },
    });
    const payloads = historyPayloads(history).map((payload) => ({
      metadata: Object.fromEntries(
        Object.entries(payload.metadata!).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
      ),
      data: Buffer.from(payload.data!).toString('base64'),
    }));
    const engineer = await harness().signIn('engineer.zhou');
    expect((await harness().call('POST', '/codec/decode', { token: engineer, body: { payloads } })).status).toBe(200);
    const decodeLine = logLines.map((line) => JSON.parse(line)).find((line) => line.msg.includes('decoded'));
    expect(decodeLine).toMatchObject({ staffId: 'S-ENGINEER', subscribers: [subscriberId] });
    const encode = await harness().call('POST', '/codec/encode', {
      token: engineer,
      body: { payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: 'e30=' }] },
    });
    expect([encode.status, encode.body.error.code]).toEqual([403, 'encoding_refused']);
  });

  it('answers and pages that carry personal data are not kept by browsers or proxies', async () => {
    const handle = await harness().activate();
    const subscriberId = handle.workflowId.replace(/^journey-/, '');
    const supervisor = await harness().signIn('supervisor.sun');
    const api = await harness().call('GET', `/v1/subscribers/${subscriberId}`, { token: supervisor });
    const page = await harness().page(`/ui/subscribers/${subscriberId}`, { session: supervisor });
    expect([api.status, page.status]).toEqual([200, 200]);
    expect([api.headers.get('cache-control'), page.headers.get('cache-control')]).toEqual(['no-store', 'no-store']);
  });
});
