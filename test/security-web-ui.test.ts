import type { Browser, Response as PageResponse } from 'playwright-core';
import { journeyWorkflowId } from '../workflows/state';
import { activationToken, ApiHarness } from './support/api';
import { launchChromium, screenshot, signIn } from './support/browser';
import { testStaffPassword } from './support/postgres';

// Engineers read journey histories in the Temporal Web UI. The UI has no sign-in of its own: the API
// serves it under /temporal to engineers only, and its codec server (/codec, same origin) decrypts the
// payloads for them. In a real Chromium, on a dev server with its Web UI as `npm start` runs it.
describe('the Temporal Web UI, behind the API, for engineers', () => {
  let api: ApiHarness;
  let browser: Browser;
  let subscriberId: string;
  let runId: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([ApiHarness.start({ server: 'dev', ui: true }), launchChromium()]);
    const profile = await api.activation({ name: '诸葛亮', subscriberId: `WEBUI-${Date.now().toString(36)}` });
    subscriberId = profile.subscriberId;
    expect((await api.call('POST', '/v1/subscribers', { token: activationToken, body: profile })).status).toBe(201);
    const handle = api.journeys.env.client.workflow.getHandle(journeyWorkflowId(subscriberId));
    await api.journeys.until(handle, (state) => state.sms.length === 2);
    runId = (await handle.describe()).runId;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it("an engineer reads a journey's history decoded by the codec server", async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(`${api.baseUrl}/ui/login`);
    await page.fill('input[name=username]', 'engineer.zhou');
    await page.fill('input[name=password]', testStaffPassword);
    await Promise.all([page.waitForURL('**/temporal/**'), page.click('button[type=submit]')]);

    const decodes: PageResponse[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/codec/decode')) decodes.push(response);
    });
    await page.goto(
      `${api.baseUrl}/temporal/namespaces/default/workflows/${journeyWorkflowId(subscriberId)}/${runId}/history`,
    );
    // The workflow's input, decrypted: the subscriber's name and plan, shown by the UI.
    await page.getByText('诸葛亮').first().waitFor({ timeout: 30_000 });
    expect(decodes.length).toBeGreaterThan(0);
    expect(decodes.every((response) => response.status() === 200)).toBe(true);
    await screenshot(page, 'temporal-web-ui-engineer');
  }, 90_000);

  it('anyone else is sent to sign in, or refused', async () => {
    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(`${api.baseUrl}/temporal/`);
    expect(new URL(anonymous.url()).pathname).toBe('/ui/login');

    const clerk = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(clerk, api.baseUrl, 'store.jn001');
    const refused = await clerk.goto(`${api.baseUrl}/temporal/namespaces/default/workflows`);
    expect(refused?.status()).toBe(403);
    const decode = await clerk.request.post(`${api.baseUrl}/codec/decode`, {
      data: { payloads: [] },
      headers: { origin: api.baseUrl },
    });
    expect(decode.status()).toBe(403);
  }, 60_000);
});
