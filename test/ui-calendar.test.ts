import { parse } from 'node-html-parser';
import type { Browser } from 'playwright-core';
import { businessCalendarOverview } from '../api/journeys/calendar-admin';
import { renderPage, uiFor } from '../api/ui/render';
import { CalendarPage } from '../api/ui/views/calendar';
import { layoutModel } from '../api/ui/views/layout';
import { useApiHarness } from './support/api';
import { launchChromium, screenshot, signIn } from './support/browser';

// The supervisor's calendar page (docs/calendar.md#the-calendar-page): what tasks are due on, the
// operator's defaults (stores through public holidays, the outbound team every day, the hotline around
// the clock), and any calendar's hours changed for tasks opened afterwards.
describe('the business calendar page', () => {
  const api = useApiHarness();
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('a supervisor sees the calendars in use and gives a store new hours in Chromium', async () => {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await signIn(page, api().baseUrl, 'supervisor.sun');
    await Promise.all([page.waitForURL('**/ui/calendar'), page.click('header a[href="/ui/calendar"]')]);
    expect(await page.locator('[data-testid=holidays-source]').textContent()).toContain('chinese-days@1.5.7');
    const row = (calendar: string) => page.locator(`tr[data-calendar="${calendar}"]`).textContent();
    // The migration's defaults: a new revision of each row nobody had edited.
    expect(await row('call_centre')).toMatch(/外呼团队.*09:00–21:00.*每天.*节假日照常工作.*call_centre#2.*初始设置/);
    expect(await row('hotline')).toMatch(/客服热线.*24小时.*每天.*节假日照常工作.*hotline#1/);
    expect(await row('store')).toMatch(/09:00–18:00.*每天.*节假日照常工作.*store#2/);
    expect(await row('store:JN002')).toMatch(/济南经十路营业厅.*周一.*节假日照常工作/);

    await page.selectOption('select[name=calendar]', 'store:JN001');
    await page.fill('input[name=opens]', '10:00');
    await page.fill('input[name=closes]', '20:00');
    await page.check('input[name=closedWeekdays][value="2"]');
    await page.fill('textarea[name=closedDates]', '2026-12-31, 2026-12-24');
    await Promise.all([page.waitForURL('**/ui/calendar?saved=*'), page.click('form button.primary')]);
    expect(await page.locator('.notice').textContent()).toContain('chinese-days@1.5.7 store:JN001#1');
    expect(await row('store:JN001')).toMatch(/10:00–20:00.*周二.*节假日照常工作.*2026-12-24 2026-12-31.*S-SUPERVISOR/);
    await screenshot(page, 'calendar-supervisor');

    const saved = await api().journeys.prisma.workingHours.findUniqueOrThrow({ where: { calendar: 'store:JN001' } });
    expect(saved).toMatchObject({ opens: '10:00', closes: '20:00', closedWeekdays: [2], revision: 1 });
    expect(saved.closedDates.map((date) => date.toISOString().slice(0, 10))).toEqual(['2026-12-24', '2026-12-31']);

    // The defaults are editable too: the outbound team closed on public holidays, the hotline kept
    // around the clock through the form's checkbox.
    await page.selectOption('select[name=calendar]', 'call_centre');
    await page.fill('input[name=opens]', '08:30');
    await page.fill('input[name=closes]', '20:00');
    await page.check('input[name=closedOnPublicHolidays]');
    await Promise.all([page.waitForURL('**/ui/calendar?saved=*'), page.click('form button.primary')]);
    expect(await row('call_centre')).toMatch(/08:30–20:00.*节假日休息，调休日上班.*call_centre#3.*S-SUPERVISOR/);
    await page.selectOption('select[name=calendar]', 'hotline');
    await page.check('input[name=aroundTheClock]');
    await Promise.all([page.waitForURL('**/ui/calendar?saved=*'), page.click('form button.primary')]);
    expect(await row('hotline')).toMatch(/24小时.*hotline#2.*S-SUPERVISOR/);
    const hotline = await api().journeys.prisma.workingHours.findUniqueOrThrow({ where: { calendar: 'hotline' } });
    expect(hotline).toMatchObject({ opens: '00:00', closes: '24:00', closedOnPublicHolidays: false });
  });

  it('closing time before opening time is refused and nothing changes', async () => {
    const session = await api().signIn('supervisor.sun');
    const form = { calendar: 'store:QD001', opens: '18:00', closes: '09:00' };
    const answer = await api().page('/ui/calendar/hours', { session, form });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('closing time 09:00 is not after opening time 18:00');
    const badDate = { calendar: 'store:QD001', opens: '09:00', closes: '18:00', closedDates: '2026-02-30' };
    const refused = await api().page('/ui/calendar/hours', { session, form: badDate });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('closedDates');
    const unknown = { calendar: 'warehouse', opens: '09:00', closes: '18:00' };
    expect((await api().page('/ui/calendar/hours', { session, form: unknown })).status).toBe(400);
    const qingdao = await api().journeys.prisma.workingHours.findUniqueOrThrow({ where: { calendar: 'store:QD001' } });
    expect(qingdao.revision).toBe(1);
  });

  it('is for supervisors only, like the dashboard', async () => {
    const session = await api().signIn('store.jn001');
    expect((await api().page('/ui/calendar', { session })).status).toBe(403);
    const form = { calendar: 'store:JN001', opens: '09:00', closes: '18:00' };
    expect((await api().page('/ui/calendar/hours', { session, form })).status).toBe(403);
  });

  it('in mid-September 2026 it lists 中秋, the 调休 Sunday, 国庆节 and the 调休 Saturday after it', async () => {
    const overview = await businessCalendarOverview(api().journeys.prisma, Date.parse('2026-09-15T02:00:00Z'));
    const ui = uiFor(layoutModel('zh-CN', undefined, '/ui/calendar'));
    const html = parse(renderPage(CalendarPage, ui, { overview, stores: [] }));
    const days = html.querySelectorAll('[data-testid=upcoming-days] tr').map((tr) => tr.text.replace(/\s+/g, ' '));
    expect(days.slice(0, 5)).toEqual([
      expect.stringMatching(/2026-09-20.*周日.*国庆节.*调休上班/),
      expect.stringMatching(/2026-09-25.*周五.*中秋.*放假/),
      expect.stringMatching(/2026-09-26/),
      expect.stringMatching(/2026-09-27/),
      expect.stringMatching(/2026-10-01.*周四.*国庆节.*放假/),
    ]);
    expect(days).toContainEqual(expect.stringMatching(/2026-10-10.*周六.*调休上班/));
    // A journey starting then ends before 2027, whose holidays the data does not hold yet.
    expect(html.querySelector('[data-testid=next-year-missing]') === null).toBe(true);
  });

  it('from late September 2026 it warns that 2027’s holidays are missing from the data', async () => {
    const overview = await businessCalendarOverview(api().journeys.prisma, Date.parse('2026-11-26T02:00:00Z'));
    expect(overview).toMatchObject({ holidaysLastYear: 2026, nextYearMissing: true, upcoming: [] });
  });
});
