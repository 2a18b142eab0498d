import type { Browser } from 'playwright-core';
import { useApiHarness } from './support/api';
import { launchChromium, screenshot, signIn } from './support/browser';

// The supervisor's journey preview page (docs/journey.md#a-journey-preview): a profile in, its 90 days
// out. That the preview is what the journey does is test/journey-preview.test.ts's part.
describe('the journey preview page', () => {
  const api = useApiHarness();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('a supervisor previews a postpaid customer rated gold on day 8 who leaves on day 45, in Chromium', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(page, api().baseUrl, 'supervisor.sun');
    await Promise.all([page.waitForURL('**/ui/preview'), page.click('header a[href="/ui/preview"]')]);
    await page.selectOption('select[name=paymentType]', 'postpaid');
    await page.fill('input[name=activatedAt]', '2026-09-30T23:30');
    await page.fill('input[name=vipDay]', '8');
    await page.fill('input[name=leftDay]', '45');
    await Promise.all([page.waitForURL('**/ui/preview?*'), page.click('form button.primary')]);

    const rows = page.locator('[data-testid=preview] tbody tr');
    const text = (await rows.allTextContents()).join('\n');
    for (const expected of ['欢迎短信', '入网辅导', '首次回访', '评为VIP', '客户经理', '缴费提醒短信', '客户离网']) {
      expect(text).toContain(expected);
    }
    // Activated the night before 国庆节: the checklist falls due in the store's working time after it.
    expect(await rows.first().textContent()).toContain('2026/9/30');
    const coaching = rows.filter({ hasText: '入网辅导' });
    expect(await coaching.locator('td').nth(4).textContent()).toContain('2026/10/');
    expect(text).not.toContain('第90天，旅程结束');
    await screenshot(page, 'journey-preview');
  });

  it('bad input is a 400 naming the field; the page is for supervisors only', async () => {
    const session = await api().signIn('supervisor.sun');
    const bad = await api().page('/ui/preview?tier=emperor&vipDay=120', { session });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('tier');
    expect(bad.body).toContain('vipDay');
    const unknownStore = await api().page('/ui/preview?storeId=XX999', { session });
    expect(unknownStore.status).toBe(400);
    expect(unknownStore.body).toContain('unknown store XX999');
    const clerk = await api().signIn('store.jn001');
    expect((await api().page('/ui/preview', { session: clerk })).status).toBe(403);
  });
});
