// Longer than ~250 lines on purpose: each page is rendered from its typed view model, one section per
// page, without a server.
import { parse, type HTMLElement } from 'node-html-parser';
import { analysePlanFit } from '../domain/plan-fit-analysis';
import type { StaffMember } from '../api/staff-access/auth';
import { ApiError } from '../api/http/errors';
import type { InboxTask } from '../api/journeys/inbox';
import type { JourneyReport, TaskFigures } from '../api/reports/journey-report';
import type { Page, Ui } from '../api/ui/page';
import { renderPage, uiFor } from '../api/ui/render';
import { outcomeFromForm } from '../api/ui/forms';
import { readTaskPayload } from '../api/ui/task-payloads';
import { DashboardPage, dashboardModel, type AttentionRow } from '../api/ui/views/dashboard';
import { ErrorPage } from '../api/ui/views/error';
import { InboxPage, inboxModel } from '../api/ui/views/inbox';
import { JourneyPage, journeyPageModel, staffNamedIn } from '../api/ui/views/journey';
import { layoutModel } from '../api/ui/views/layout';
import { SetPasswordPage, setPasswordModel } from '../api/ui/views/set-password';
import { SignInPage, signInModel } from '../api/ui/views/sign-in';
import { taskPageModel, type TaskPageRow } from '../api/ui/task-page-model';
import { TaskPage } from '../api/ui/views/task';
import { Prisma } from '../prisma/generated/client';
import { plans, stores, tieredServices } from '../prisma/seed-data';
import { checklistPoints } from '../domain/service-plan';
import { tieredServicesFor } from '../domain/tiered-services';
import type { Locale, StaffRole } from '../domain/vocabulary';
import type { JourneyState } from '../workflows/state';
import type { JourneyTask } from '../workflows/tasks';
import { activationProfile } from './support/journey-harness';

// Each staff page rendered from a typed fixture, without a server or a browser: what the page must
// show, the form fields the routes read back, and the escaping. The browser tests (ui.test.ts,
// security-*.test.ts) work the same pages end to end. One file past the usual length: the pages share
// the fixtures and render helpers, and each page is one describe block.

const now = Date.parse('2026-12-01T10:00:00+08:00');
const hoursFromNow = (hours: number) => new Date(now + hours * 3_600_000);

const staff = (role: StaffRole, name = '孙督导'): StaffMember => ({
  staffId: `S-${role}`,
  name,
  role,
  region: 'JN',
  locale: 'zh-CN',
  ...(role === 'store' ? { storeId: 'JN001' } : {}),
});

function uiAs(viewer: StaffMember | undefined, url = '/ui/tasks', locale: Locale = 'zh-CN'): Ui {
  return uiFor(layoutModel(locale, viewer, url));
}

function render<Model>(page: Page<Model>, model: Model, ui = uiAs(staff('store', '王店员'))): HTMLElement {
  return parse(renderPage(page, ui, model));
}

const text = (root: HTMLElement, selector: string) => root.querySelector(selector)?.text.trim();
const all = (root: HTMLElement, selector: string) => root.querySelectorAll(selector).map((node) => node.text.trim());

describe('layout (shared header)', () => {
  it('when a supervisor is signed in, the header has the inbox, dashboard, calendar and preview links, their name and sign-out; when a visitor, none of them', () => {
    const supervisor = render(ErrorPage, { message: 'x' }, uiAs(staff('supervisor')));
    expect(all(supervisor, 'header a')).toEqual(['我的任务', '督导看板', '工作日历', '旅程预览', 'English']);
    expect(text(supervisor, 'header span:not(.spacer)')).toBe('孙督导');
    expect(supervisor.querySelector('header form')?.getAttribute('action')).toBe('/ui/logout');
    expect(supervisor.querySelector('html')?.getAttribute('lang')).toBe('zh-CN');

    const clerk = render(ErrorPage, { message: 'x' }, uiAs(staff('store')));
    expect(all(clerk, 'header a')).toEqual(['我的任务', 'English']);
    const visitor = render(ErrorPage, { message: 'x' }, uiAs(undefined));
    expect(all(visitor, 'header a')).toEqual(['English']);
    expect(visitor.querySelector('header form')).toBeNull();
  });

  it('when the language is switched, the link is the same page in the other language, its query kept', () => {
    expect(layoutModel('zh-CN', undefined, '/ui/set-password?token=abc').otherLanguageHref).toBe(
      '/ui/set-password?token=abc&lang=en',
    );
    expect(layoutModel('en', undefined, '/ui/tasks?overdue=true&lang=en').otherLanguageHref).toBe(
      '/ui/tasks?overdue=true&lang=zh-CN',
    );
    const english = render(ErrorPage, { message: 'x' }, uiAs(undefined, '/ui/login', 'en'));
    expect(text(english, 'header a')).toBe('中文');
    expect(text(english, 'h1')).toBe('Something went wrong');
  });
});

describe('sign-in page', () => {
  it('when a visitor signs in, the form posts a username and a password; when a password was just set, it is confirmed', () => {
    const page = render(SignInPage, signInModel(true), uiAs(undefined, '/ui/login'));
    expect(text(page, 'h1')).toBe('员工登录');
    expect(page.querySelector('form[action="/ui/login"]')?.getAttribute('method')).toBe('post');
    expect(page.querySelectorAll('input').map((input) => input.getAttribute('name'))).toEqual(['username', 'password']);
    expect(text(page, '[role=status]')).toBe('密码已设置，请用新密码登录。');
    expect(page.querySelector('[role=alert]')).toBeNull();
  });

  it("when sign-in is throttled, it says how many minutes to wait; when refused otherwise, it shows the API's message", () => {
    const throttled = Object.assign(new ApiError(429, 'too_many_attempts', 'too many'), { retryAfterSeconds: 900 });
    const page = render(SignInPage, signInModel(false, throttled), uiAs(undefined, '/ui/login'));
    expect(text(page, '[role=alert]')).toBe('登录失败次数过多，请 15 分钟后再试。');
    expect(page.querySelector('[role=status]')).toBeNull();
    const other = new ApiError(400, 'invalid_request', 'username: required');
    expect(text(render(SignInPage, signInModel(false, other)), '[role=alert]')).toBe('username: required');
  });
});

describe('set-password page', () => {
  it("when a link is opened, it names the link's account, posts the token back and lists the policy's refusals", () => {
    const model = setPasswordModel({ username: 'store.jn003', displayName: '赵店员' }, 'tok-123', [
      'too_short',
      'contains_username',
    ]);
    const page = render(SetPasswordPage, model, uiAs(undefined, '/ui/set-password?token=tok-123'));
    expect(text(page, 'h1')).toBe('设置密码');
    expect(text(page, '[data-testid=username]')).toBe('store.jn003');
    expect(page.querySelector('input[name=token]')?.getAttribute('value')).toBe('tok-123');
    expect(page.querySelector('[role=alert]')?.text).toBe('新密码：至少需要 12 个字符\n新密码：不能包含用户名');
    expect(page.querySelectorAll('input[type=password]').map((input) => input.getAttribute('name'))).toEqual([
      'password',
      'confirmation',
    ]);
  });

  it('when the language is English, it speaks English', () => {
    const model = setPasswordModel({ username: 'am.qian', displayName: 'Qian' }, 't', ['mismatch']);
    const page = render(SetPasswordPage, model, uiAs(undefined, '/ui/set-password?token=t', 'en'));
    expect(text(page, 'h1')).toBe('Set your password');
    expect(text(page, '[role=alert]')).toBe('New password again: does not match the new password');
  });
});

describe('inbox page', () => {
  const inboxTask = (id: string, dueAt: Date, overrides: Partial<InboxTask> = {}): InboxTask => ({
    id,
    type: 'onboarding_coaching',
    role: 'store',
    storeId: 'JN001',
    assigneeId: null,
    status: 'open',
    availableAt: hoursFromNow(-80),
    dueAt,
    windowEndsAt: dueAt,
    dueAtWindowEnd: false,
    escalatedAt: null,
    endedAt: null,
    subscriberId: `SUB-${id}`,
    subscriber: { name: '王芳', msisdn: '13800138000', tier: 'standard' },
    ...overrides,
  });

  it('when tasks are open, it lists them with links; an overdue row is marked, an escalated one badged; the next page keeps the filter', () => {
    const inbox = {
      tasks: [
        inboxTask('t/1', hoursFromNow(-2), { escalatedAt: hoursFromNow(-1) }),
        inboxTask('t2', hoursFromNow(20), {
          type: 'vas_telemarketing',
          storeId: null,
          subscriber: { name: '<i>李</i>', msisdn: '13900000000', tier: 'gold' },
        }),
      ],
      nextCursor: 'abc=',
    };
    const page = render(InboxPage, inboxModel(inbox, { overdueOnly: true, submitted: true, now }));
    expect(text(page, 'h1')).toBe('待办任务');
    expect(text(page, '[role=status]')).toBe('任务已提交。');
    expect(page.querySelector('input[name=overdue]')?.hasAttribute('checked')).toBe(true);

    const late = page.querySelector('tr[data-task-id="t/1"]')!;
    expect(late.classList.contains('overdue')).toBe(true);
    expect(all(late, '.badge')).toEqual(['已超时', '已督办']);
    expect(late.querySelector('a')?.getAttribute('href')).toBe('/ui/tasks/t%2F1');
    expect(all(late, 'td').slice(1)).toEqual(['入网辅导', '王芳 · 13800138000', '普通', 'JN001']);

    const onTime = page.querySelector('tr[data-task-id="t2"]')!;
    expect(onTime.classList.contains('overdue')).toBe(false);
    expect(onTime.querySelectorAll('.badge')).toHaveLength(0);
    expect(all(onTime, 'td').slice(1)).toEqual(['业务外呼推荐', '<i>李</i> · 13900000000', '金卡', '—']);
    expect(onTime.querySelector('i')).toBeNull();

    expect(
      page
        .querySelectorAll('a')
        .find((link) => link.text === '下一页')
        ?.getAttribute('href'),
    ).toBe('/ui/tasks?cursor=abc%3D&overdue=true');
  });

  it("when a task is due at its plan window's end for want of working time, the row says so", () => {
    const inbox = { tasks: [inboxTask('t3', hoursFromNow(5), { dueAtWindowEnd: true })] };
    const page = render(InboxPage, inboxModel(inbox, { overdueOnly: false, submitted: false, now }));
    expect(all(page.querySelector('tr[data-task-id="t3"]')!, '.badge')).toEqual(['时限内无工作时间']);
  });

  it('when the inbox is empty, it says so', () => {
    const page = render(InboxPage, inboxModel({ tasks: [] }, { overdueOnly: false, submitted: false, now }));
    expect(page.text).toContain('没有符合条件的任务。');
    expect(page.querySelector('table')).toBeNull();
    expect(page.querySelector('[role=status]')).toBeNull();
  });
});

describe('task page', () => {
  const plan = (code: string) => {
    const terms = plans.find((candidate) => candidate.code === code)!;
    return {
      ...terms,
      monthlyFee: new Prisma.Decimal(terms.monthlyFee),
      voiceOveragePerMin: new Prisma.Decimal(terms.voiceOveragePerMin),
      dataOveragePerKB: new Prisma.Decimal(terms.dataOveragePerKB),
      smsOverage: new Prisma.Decimal(terms.smsOverage),
      active: true,
    };
  };

  /** A task row as the task page reads it, for a gold subscriber on A66 with a contract. */
  function taskRow(type: string, payload: Prisma.JsonValue, overrides: Partial<TaskPageRow> = {}): TaskPageRow {
    const subscriberFacts = { subscriberName: '张伟', planCode: 'A66', monthlyFee: 66, tier: 'gold', dnd: false };
    return {
      id: `journey-SUB-1:${type}`,
      journeyId: 'journey-SUB-1',
      subscriberId: 'SUB-1',
      type,
      role: 'account_manager',
      storeId: null,
      assigneeId: 'S-AM-JN-LI',
      status: 'open',
      availableAt: hoursFromNow(-1),
      dueAt: hoursFromNow(48),
      payload: { ...subscriberFacts, ...(payload as object) },
      attempts: [],
      maxAttempts: 1,
      outcome: null,
      completedById: null,
      escalatedAt: null,
      endedAt: null,
      endReason: null,
      calendarVersion: null,
      windowEndsAt: null,
      dueAtWindowEnd: false,
      revision: 1,
      createdAt: hoursFromNow(-1),
      updatedAt: hoursFromNow(-1),
      subscriber: {
        id: 'SUB-1',
        msisdn: '13800138000',
        name: '张伟',
        address: '济南市历下区泉城路2号',
        idNumberLast4: '123X',
        activatedAt: hoursFromNow(-24 * 60),
        storeId: 'JN001',
        planCode: 'A66',
        paymentType: 'postpaid',
        tier: 'gold',
        portIn: false,
        previousMsisdn: null,
        dnd: false,
        contractPrepay: new Prisma.Decimal(950),
        contractMonthlyReturn: new Prisma.Decimal(39),
        firstPaymentDueAt: null,
        activation: null,
        releasedAt: null,
        erasedAt: null,
        experimentGroup: null,
        experimentTouch: null,
        historyBeforeEncryption: false,
        createdAt: hoursFromNow(-24 * 60),
        updatedAt: hoursFromNow(-24 * 60),
        plan: plan('A66'),
      },
      assignee: { displayName: '李经理' },
      ...overrides,
    };
  }
  const contract = { contract: { prepay: 950, monthlyReturn: 39, monthlyOutOfPocket: 27 } };
  const asAgent = {
    viewer: 'account_manager' as const,
    candidates: [],
    requestId: 'req-1',
    reassigned: false,
    content: { points: {}, plans: [], promotions: [], managers: [] },
  };

  it('when the task is a plan fit (600 min a month on A66 → B96), it shows the average costs, a saving of 30.00 yuan and the script (worked example)', () => {
    // The analysis's own result for the usage, put in the payload as workflows/moments/plan-fit.ts does.
    const catalog = plans.map((terms) => ({ ...terms }));
    const planFit = analysePlanFit({
      current: catalog.find((terms) => terms.code === 'A66')!,
      catalog,
      usage: [
        { month: '2026-12', voiceMinutes: 600, dataMB: 50, sms: 0 },
        { month: '2027-01', voiceMinutes: 600, dataMB: 50, sms: 0 },
      ],
    });
    expect(planFit.kind).toBe('recommend');
    const row = taskRow('plan_fit_consultation', { planFit, ...contract });
    const page = render(TaskPage, taskPageModel(row, asAgent), uiAs(staff('account_manager', '李经理')));

    expect(text(page, 'h1')).toBe('套餐合适度辅导 · 张伟');
    expect(text(page, '[data-testid=plan]')).toBe(`${plan('A66').name} (A66)`);
    const figures = page.querySelector('[data-testid=plan-fit]')!;
    expect(all(figures, 'dt')).toEqual(['推荐套餐', '现套餐月均费用', '推荐套餐月均费用', '预计每月节省']);
    expect(all(figures, 'dd')).toEqual([
      `${plan('B96').name} (B96) · 月费 96 元`,
      '148.50 元',
      '118.50 元',
      '30.00 元',
    ]);
    expect(text(page, '[data-testid=saving]')).toBe('30.00 元');
    const script = text(page, '[data-testid=plan-fit-script]');
    expect(script).toContain('预计每月节省30.00元');
    expect(script).toContain(plan('B96').name);
    expect(all(page, 'input[name=result]')).toHaveLength(3);
    expect(page.querySelectorAll('input[name=result]').map((input) => input.getAttribute('value'))).toEqual([
      'accepted',
      'declined',
      'not_reached',
    ]);

    const english = render(TaskPage, taskPageModel(row, asAgent), uiAs(staff('account_manager'), '/ui/tasks/x', 'en'));
    expect(all(english.querySelector('[data-testid=plan-fit]')!, 'dd')[0]).toBe(
      `${plan('B96').nameEn} (B96) · Monthly fee 96 yuan`,
    );
    expect(text(english, '[data-testid=plan-fit-script]')).toContain('saving 30.00 yuan a month');
  });

  it('when the task is onboarding coaching, it shows the contract figures and one done/skipped choice with a reason per checklist item, no result', () => {
    const row = taskRow(
      'onboarding_coaching',
      { checklist: ['plan_tariff', 'internet_setup'], ...contract },
      {
        role: 'store',
        storeId: 'JN001',
        assigneeId: null,
        assignee: null,
        subscriber: { ...taskRow('x', {}).subscriber, name: '<script>alert(1)</script>王芳' },
      },
    );
    const page = render(TaskPage, taskPageModel(row, { ...asAgent, viewer: 'store' }));
    expect(text(page, 'h1')).toBe('入网辅导 · <script>alert(1)</script>王芳');
    expect(page.querySelectorAll('script')).toHaveLength(0);
    expect(text(page, '[data-testid=out-of-pocket]')).toBe('27 元');
    expect(text(page, '[data-testid=assignee]')).toBe('未指定（岗位共享）');
    expect(page.querySelectorAll('fieldset[data-item]').map((item) => item.getAttribute('data-item'))).toEqual([
      'plan_tariff',
      'internet_setup',
    ]);
    const item = page.querySelector('fieldset[data-item=internet_setup]')!;
    expect(item.querySelector('input[value=done]')?.hasAttribute('checked')).toBe(true);
    expect(item.querySelector('input[value=skipped]')?.getAttribute('name')).toBe('item_internet_setup');
    expect(item.querySelector('input[type=text]')?.getAttribute('name')).toBe('reason_internet_setup');
    expect(page.querySelector('input[name=result]')).toBeNull();
    expect(page.querySelector('textarea[name=note]')).toBeNull();
    const form = page.querySelector('form.card')!;
    expect(form.getAttribute('action')).toBe(`/ui/tasks/${encodeURIComponent(row.id)}/complete`);
    expect(form.querySelector('input[name=requestId]')?.getAttribute('value')).toBe('req-1');
    expect(page.querySelector('a[href="/ui/subscribers/SUB-1"]')?.text).toBe('查看客户旅程');
  });

  it("when the task is the first follow-up, it shows the script's steps, each issue category with its fields, and the feedback", () => {
    const row = taskRow('first_followup_call', { script: ['verify_identity', 'invite_to_club'] });
    const page = render(TaskPage, taskPageModel(row, { ...asAgent, viewer: 'followup' }));
    expect(all(page, 'ol li')).toEqual(['入网基本信息核实', '邀请加入俱乐部']);
    expect(page.querySelectorAll('fieldset[data-issue]').map((issue) => issue.getAttribute('data-issue'))).toEqual([
      'tariff',
      'signal',
      'billing',
      'promotion',
      'other',
    ]);
    const fields = page.querySelectorAll('fieldset[data-issue] input').map((input) => input.getAttribute('name'));
    expect(fields).toEqual(
      expect.arrayContaining(['issue_signal', 'signal_address', 'signal_description', 'tariff_recommendBetterPlan']),
    );
    expect(page.querySelector('input[name=other_replyBy]')?.getAttribute('type')).toBe('datetime-local');
    expect(page.querySelector('textarea[name=feedback]')).not.toBeNull();
    expect(page.querySelector('[data-testid=out-of-pocket]')).toBeNull();
  });

  it('when the first follow-up verifies the activation, each detail shows what the activation gave, to mark verified, corrected or not confirmed', () => {
    const row = taskRow('first_followup_call', { script: ['verify_identity'] });
    const page = render(TaskPage, taskPageModel(row, { ...asAgent, viewer: 'followup' }));
    const onFile = (item: string) => text(page, `[data-on-file=${item}]`);
    expect([onFile('name'), onFile('id_number'), onFile('contact_phone'), onFile('mailing_address')]).toEqual([
      '张伟',
      '后四位 123X',
      '13800138000',
      '济南市历下区泉城路2号',
    ]);
    expect(text(page, 'fieldset[data-verify=id_number] legend')).toBe('身份证号码: 后四位 123X');
    for (const [item, field] of [
      ['name', 'correctedName'],
      ['id_number', 'correctedIdNumberLast4'],
      ['contact_phone', 'correctedContactPhone'],
      ['mailing_address', 'correctedAddress'],
    ]) {
      const fieldset = page.querySelector(`fieldset[data-verify=${item}]`)!;
      const choices = fieldset.querySelectorAll(`input[name=verify_${item}]`);
      // None chosen beforehand: the agent answers each, and the browser asks before posting.
      expect(choices.map((choice) => [choice.getAttribute('value'), choice.hasAttribute('checked')])).toEqual([
        ['verified', false],
        ['corrected', false],
        ['not_confirmed', false],
      ]);
      expect(choices.every((choice) => choice.hasAttribute('required'))).toBe(true);
      expect(all(fieldset, 'label').slice(0, 3)).toEqual(['核实无误', '有误，已更正', '客户未确认']);
      expect(fieldset.querySelector(`input[name=${field}]`)).not.toBeNull();
    }

    const unregistered = taskRow(
      'first_followup_call',
      { script: [] },
      {
        subscriber: { ...row.subscriber, address: null, idNumberLast4: null },
      },
    );
    const sparse = render(TaskPage, taskPageModel(unregistered, { ...asAgent, viewer: 'followup' }));
    expect(text(sparse, '[data-on-file=mailing_address]')).toBe('入网时未登记');
    expect(text(sparse, '[data-on-file=id_number]')).toBe('入网时未登记');
  });

  it("when the first follow-up records an issue, each category shows the plan's handling; billing explains the bill and where to get it", () => {
    const row = taskRow('first_followup_call', { script: [] });
    const page = render(TaskPage, taskPageModel(row, { ...asAgent, viewer: 'followup' }));
    const guidance = (category: string) => text(page, `fieldset[data-issue=${category}] [data-guidance]`);
    expect(guidance('billing')).toBe(
      '账单类：为客户解释账单项目（套餐月费、套餐外通话费、流量费、短信费、增值业务费等）；告知客户通过网上营业厅（www.10010.com）、手机营业厅或营业厅等方式均可获取账单。',
    );
    expect(guidance('tariff')).toMatch(/^资费类：详细介绍资费/);
    expect(guidance('signal')).toMatch(/^信号类：登记具体地址/);
    expect(guidance('promotion')).toMatch(/^促销政策类：.*尚未推出的促销政策，单独记录/);
    expect(guidance('other')).toMatch(/^其它类：执行“首问负责制”/);
    const english = render(TaskPage, taskPageModel(row, asAgent), uiAs(staff('followup'), '/ui/tasks/x', 'en'));
    expect(text(english, 'fieldset[data-issue=billing] [data-guidance]')).toContain(
      'the bill is available online at www.10010.com',
    );
    expect(text(english, '[data-on-file=id_number]')).toBe('last four 123X');
  });

  it("when the task is the manager's first call, it shows the tier and its rights from the catalog; when rated after day 10, it is the deeper follow-up", () => {
    const goldRights = tieredServicesFor('gold', tieredServices);
    const content = {
      ...asAgent.content,
      points: { tier_rights: checklistPoints('tier_rights', { tierRights: goldRights }) },
    };
    const view = { ...asAgent, content };
    const regular = render(
      TaskPage,
      taskPageModel(taskRow('vip_first_call', { deeperFollowup: false, tierRights: 'gold' }), view),
    );
    expect(text(regular, 'h1')).toBe('客户经理首次回访 · 张伟');
    expect(all(regular, '.card p')).toContainEqual(
      expect.stringMatching(/^向客户自我介绍：“您好，我是您的专属客户经理/),
    );
    const rights = regular.querySelectorAll('[data-testid=tier-rights] li');
    expect(rights.map((right) => right.getAttribute('data-point'))).toEqual([
      'tier',
      'account_manager',
      ...goldRights.map((right) => right.code),
    ]);
    expect(goldRights.length).toBeGreaterThanOrEqual(3);
    expect(rights[2]!.text).toBe(`${goldRights[0]!.name['zh-CN']}：${goldRights[0]!.detail['zh-CN']}`);
    expect(regular.querySelector('[data-testid=deeper-followup]')).toBeNull();
    expect(regular.querySelector('input[name=tierRights]')).not.toBeNull();

    const deeper = render(
      TaskPage,
      taskPageModel(taskRow('vip_first_call', { deeperFollowup: true, tierRights: 'gold' }), view),
    );
    expect(text(deeper, '[data-testid=deeper-followup]')).toMatch(/^本次为深入回访：客户的VIP评级晚于入网后第10天/);
    const english = render(
      TaskPage,
      taskPageModel(taskRow('vip_first_call', { deeperFollowup: true, tierRights: 'gold' }), view),
      uiAs(staff('account_manager'), '/ui/tasks/x', 'en'),
    );
    expect(text(english, '[data-testid=deeper-followup]')).toMatch(/^This is the deeper follow-up/);
    expect(all(english, '[data-testid=tier-rights] li')[2]).toBe(
      `${goldRights[0]!.name.en}: ${goldRights[0]!.detail.en}`,
    );
  });

  it('when the task is telemarketing, it offers the ranked services by code; when a callback, it shows the question and asks for the answer', () => {
    const offers = [{ code: 'VAS-MUSIC', name: '音乐包', nameEn: 'Music pack', monthlyFee: 10, score: 2, why: 'x' }];
    const telemarketing = render(
      TaskPage,
      taskPageModel(taskRow('vas_telemarketing', { recommendations: offers }), asAgent),
    );
    const accepted = telemarketing.querySelectorAll('input[name=accepted]');
    expect(accepted.map((input) => input.getAttribute('value'))).toEqual(['VAS-MUSIC']);
    expect(accepted[0]!.parentNode?.text.trim()).toBe('音乐包');
    expect(telemarketing.querySelector('textarea[name=note]')).not.toBeNull();

    const callback = render(
      TaskPage,
      taskPageModel(taskRow('callback', { question: '国际漫游怎么开通？', promisedOn: 't' }), asAgent),
    );
    expect(text(callback, '[data-testid=question]')).toBe('问题: 国际漫游怎么开通？');
    expect(callback.querySelector('textarea[name=answer]')).not.toBeNull();
    expect(callback.querySelector('textarea[name=note]')).toBeNull();
  });

  it('when a task has a plan window, it is shown beside the due time, and said when the calendar left no working time in it', () => {
    const inside = render(TaskPage, taskPageModel(taskRow('vas_telemarketing', { recommendations: [] }), asAgent));
    expect(inside.querySelector('[data-testid=window]')).toBeNull();
    const windowEndsAt = hoursFromNow(30);
    const atEnd = { windowEndsAt, dueAt: windowEndsAt, dueAtWindowEnd: true };
    const page = render(TaskPage, taskPageModel(taskRow('vas_telemarketing', { recommendations: [] }, atEnd), asAgent));
    expect(all(page, '[data-testid=due] .badge')).toEqual(['时限内无工作时间']);
    expect(text(page, '[data-testid=window]')).toMatch(/^须在此前完成： .+ · 方案时限内没有工作时间/);
  });

  it('when the supervisor opens a task, the reassignment form, the current assignee disabled; when the task has ended, no form', () => {
    const candidates = [
      { id: 'S-AM-JN-LI', displayName: '李经理', storeId: null },
      { id: 'S-AM-JN-WANG', displayName: '王经理', storeId: 'JN002' },
    ];
    const row = taskRow('vip_first_call', { deeperFollowup: false, tierRights: 'gold' });
    const page = render(
      TaskPage,
      taskPageModel(row, { ...asAgent, viewer: 'supervisor', candidates, reassigned: true }),
    );
    expect(text(page, '[role=status]')).toBe('任务已改派。');
    expect(text(page, '[data-testid=assignee]')).toBe('李经理 (S-AM-JN-LI)');
    const form = page.querySelector('form.card')!;
    expect(form.getAttribute('action')).toBe(`/ui/tasks/${encodeURIComponent(row.id)}/reassign`);
    const options = form.querySelectorAll('select[name=assigneeId] option');
    expect(
      options.map((option) => [option.getAttribute('value'), option.text, option.hasAttribute('disabled')]),
    ).toEqual([
      ['S-AM-JN-LI', '李经理 (S-AM-JN-LI)', true],
      ['S-AM-JN-WANG', '王经理 (S-AM-JN-WANG · JN002)', false],
    ]);
    expect(text(form, 'button')).toBe('改派');

    const ended = render(
      TaskPage,
      taskPageModel(taskRow('vip_first_call', { deeperFollowup: false }, { status: 'expired' }), asAgent),
    );
    expect(ended.querySelector('form.card')).toBeNull();
    expect(text(ended, 'p.notice')).toBe('此任务已结束 (已过期)');
  });

  it('when a post is refused, the reason shows; when a payload has another shape, it is said, not shown as nothing', () => {
    const row = taskRow('plan_fit_consultation', {
      planFit: { kind: 'recommend', recommendation: { planCode: 'B96' } },
    });
    const page = render(TaskPage, taskPageModel(row, { ...asAgent, error: 'outcome: invalid\nresult: required' }));
    expect(page.querySelector('[role=alert]')?.text).toBe('outcome: invalid\nresult: required');
    expect(page.querySelector('[data-testid=plan-fit]')).toBeNull();
    expect(page.text).toContain('无法读取此任务的资料，请联系工程师。');
  });

  describe('work handed on (next owners)', () => {
    const asSupervisor = { ...asAgent, viewer: 'supervisor' as const };
    const supervisorTask = { role: 'supervisor' as const, assigneeId: null, assignee: null };

    it('when a VIP has no manager, the supervisor picks one on the task itself: the region’s managers with room, not the reassignment form', () => {
      const row = taskRow(
        'vip_assignment',
        {
          tier: 'gold',
          storeId: 'JN001',
          ratedAt: '2026-11-25T01:30:00.000Z',
          slaDeadline: '2026-11-28T01:30:00.000Z',
          attempts: 13,
        },
        supervisorTask,
      );
      const managers = [
        { id: 'S-AM-JN-LI', name: '李明', storeId: 'JN001', load: 49, capacity: 50 },
        { id: 'S-AM-JN-WANG', name: '王芳', storeId: 'JN002', load: 0, capacity: 2 },
      ];
      const content = { ...asAgent.content, managers };
      const page = render(TaskPage, taskPageModel(row, { ...asSupervisor, content }), uiAs(staff('supervisor')));
      expect(text(page, 'h1')).toBe('指定客户经理 · 张伟');
      expect(all(page, '[data-testid=vip-assignment] dd')).toEqual([
        '金卡',
        'JN001',
        '2026/11/25 09:30',
        '2026/11/28 09:30',
        '13',
      ]);
      const form = page.querySelector('form.card')!;
      expect(form.getAttribute('action')).toBe(`/ui/tasks/${encodeURIComponent(row.id)}/complete`);
      expect(form.querySelector('select[name=assigneeId]')).toBeNull();
      expect(
        form.querySelectorAll('select[name=managerId] option').map((o) => [o.getAttribute('value'), o.text]),
      ).toEqual([
        ['', '—'],
        ['S-AM-JN-LI', '李明 (S-AM-JN-LI · JN001) 49/50'],
        ['S-AM-JN-WANG', '王芳 (S-AM-JN-WANG · JN002) 0/2'],
      ]);
      expect(outcomeFromForm('vip_assignment', { result: 'assigned', managerId: 'S-AM-JN-WANG' }, [])).toEqual({
        result: 'assigned',
        managerId: 'S-AM-JN-WANG',
      });

      const nobody = render(
        TaskPage,
        taskPageModel(row, { ...asSupervisor, content: { ...asAgent.content, managers: [] } }),
        uiAs(staff('supervisor')),
      );
      expect(text(nobody, '[data-testid=manager-pick] p.notice')).toMatch(/^本地区暂无有空余名额的客户经理/);
      // Another role's task still gets the reassignment form.
      const other = render(TaskPage, taskPageModel(taskRow('vip_first_call', { deeperFollowup: false }), asSupervisor));
      expect(other.querySelector('select[name=assigneeId]')).not.toBeNull();
    });

    it('when a signal problem went to the network team, its ticket shows it; when overdue, the task links the supervisor to it', () => {
      const ticket = taskRow(
        'network_ticket',
        {
          ticketId: 'NT-1',
          address: '历下区泉城路1号地下室',
          description: '地下室无3G信号',
          reportedAt: '2026-11-29T02:00:00.000Z',
        },
        { role: 'network', assigneeId: null, assignee: null },
      );
      const page = render(TaskPage, taskPageModel(ticket, { ...asAgent, viewer: 'network' }), uiAs(staff('network')));
      expect(text(page, 'h1')).toBe('信号问题网络工单 · 张伟');
      expect(all(page, '[data-testid=network-ticket] dd')).toEqual([
        '历下区泉城路1号地下室',
        '地下室无3G信号',
        '2026/11/29 10:00',
        'NT-1',
      ]);
      expect(page.querySelectorAll('input[name=result]').map((input) => input.getAttribute('value'))).toEqual([
        'resolved',
      ]);
      expect(page.querySelector('textarea[name=note]')).not.toBeNull();

      const overdue = taskRow(
        'network_ticket_overdue',
        { ticketId: 'NT-1', ticketTaskId: ticket.id, dueAt: '2026-12-06T02:00:00.000Z' },
        supervisorTask,
      );
      const chase = render(TaskPage, taskPageModel(overdue, asSupervisor), uiAs(staff('supervisor')));
      const link = chase.querySelector('[data-testid=network-ticket-overdue] a')!;
      expect([link.text, link.getAttribute('href')]).toEqual(['NT-1', `/ui/tasks/${encodeURIComponent(ticket.id)}`]);
      expect(chase.querySelectorAll('input[name=result]').map((input) => input.getAttribute('value'))).toEqual([
        'followed_up',
      ]);
    });

    it('when the BSS refused a plan change, the follow-up team sees why', () => {
      const row = taskRow(
        'plan_change_refused',
        { orderId: 'o-1', fromPlanCode: 'A66', toPlanCode: 'B96', reason: '合约期内不能变更套餐' },
        { role: 'followup', assigneeId: null, assignee: null },
      );
      const page = render(TaskPage, taskPageModel(row, { ...asAgent, viewer: 'followup' }), uiAs(staff('followup')));
      expect(all(page, '[data-testid=plan-change-refused] dd')).toEqual(['A66 → B96', '合约期内不能变更套餐']);
    });

    it('when coaching a number change, the clerk may add number-change coaching and sees the number replaced', () => {
      const clerkTask = { role: 'store' as const, storeId: 'JN001', assigneeId: null, assignee: null };
      const asClerk = { ...asAgent, viewer: 'store' as const };
      const portIn = taskRow('onboarding_coaching', { checklist: ['plan_tariff'] }, clerkTask);
      const page = render(TaskPage, taskPageModel(portIn, asClerk));
      const added = page.querySelector('fieldset[data-addable=number_change_coaching]')!;
      expect(added.text).toContain('换号通知设置辅导（入网资料未注明，柜台确认客户为换号入网并已辅导）');
      expect(added.querySelector('input[type=checkbox]')?.getAttribute('name')).toBe('add_number_change_coaching');
      expect(page.querySelector('[data-testid=previous-msisdn]')).toBeNull();
      const form = { item_plan_tariff: 'done', add_number_change_coaching: 'on' };
      expect(outcomeFromForm('onboarding_coaching', form, ['plan_tariff'])).toEqual({
        checklist: { plan_tariff: { done: true }, number_change_coaching: { done: true } },
        serviceGuideHandedOut: false,
      });

      const changed = taskRow(
        'onboarding_coaching',
        { checklist: ['plan_tariff', 'number_change_coaching'] },
        {
          ...clerkTask,
          subscriber: { ...portIn.subscriber, previousMsisdn: '13900001111' },
        },
      );
      const changedPage = render(TaskPage, taskPageModel(changed, asClerk));
      expect(text(changedPage, '[data-testid=previous-msisdn]')).toBe('13900001111');
      expect(changedPage.querySelector('fieldset[data-addable]')).toBeNull();
      expect(changedPage.querySelector('fieldset[data-item=number_change_coaching]')).not.toBeNull();
    });
  });
});

describe('task payloads read per type', () => {
  it('when a payload is read, each type gives its fields; another shape or an unknown type is refused', () => {
    expect(readTaskPayload('onboarding_coaching', { checklist: ['plan_tariff'], tier: 'gold' })).toEqual({
      type: 'onboarding_coaching',
      checklist: ['plan_tariff'],
    });
    expect(readTaskPayload('onboarding_coaching', { checklist: ['no_such_item'] })).toBeUndefined();
    expect(readTaskPayload('hotline_callback', { hangupAt: '2026-12-01T02:00:00Z', msisdn: '1' })).toEqual({
      type: 'hotline_callback',
      hangupAt: '2026-12-01T02:00:00Z',
    });
    expect(readTaskPayload('future_task', {})).toBeUndefined();
    expect(readTaskPayload('callback', null)).toBeUndefined();
  });
});

describe('journey page', () => {
  const task = (type: JourneyTask['type'], status: JourneyTask['status'], escalatedAt?: string): JourneyTask => ({
    id: `journey-SUB-2:${type}`,
    type,
    role: 'store',
    status,
    availableAt: '2026-11-25T01:30:00.000Z',
    dueAt: '2026-11-28T01:30:00.000Z',
    payload: {},
    attempts: [],
    maxAttempts: 1,
    revision: 1,
    ...(escalatedAt ? { escalatedAt } : {}),
  });
  const state: JourneyState = {
    journeyId: 'journey-SUB-2',
    status: 'running',
    moment: 'first_followup',
    subscriber: activationProfile({
      subscriberId: 'SUB-2',
      msisdn: '13800138001',
      name: '刘洋',
      activatedAt: '2026-11-25T09:30:00+08:00',
    }),
    plan: { ...plans.find((terms) => terms.code === 'A66')! },
    tier: 'standard',
    dnd: false,
    firstPaymentDueAt: '2026-12-25T00:00:00.000Z',
    usage: [],
    tasks: [task('onboarding_coaching', 'completed'), task('first_followup_call', 'open', '2026-11-29T01:30:00.000Z')],
    sms: [{ idempotencyKey: 'k', template: 'welcome', category: 'service', at: '2026-11-25T01:31:00.000Z' }],
    networkTickets: [],
    timeline: [
      { at: '2026-11-25T01:30:00.000Z', kind: 'moment', detail: { moment: 'onboarding_coaching' } },
      {
        at: '2026-11-29T02:00:00.000Z',
        kind: 'network_ticket_opened',
        detail: { ticketId: 'NT-1', address: '济南市历下区解放路22号' },
      },
      { at: '2026-11-29T03:00:00.000Z', kind: 'task_attempt', detail: { taskId: 't', attempt: 1, by: 'S-FOLLOWUP' } },
      {
        at: '2026-11-29T04:00:00.000Z',
        kind: 'task_reassigned',
        detail: { taskId: 't', from: null, to: 'S-FOLLOWUP-WANG', by: 'S-SUPERVISOR' },
      },
      // A tier's from and to are codes, not staff; a staff member gone from the roster keeps the id.
      { at: '2026-11-30T02:00:00.000Z', kind: 'tier_changed', detail: { from: 'standard', to: 'gold' } },
      {
        at: '2026-11-30T03:00:00.000Z',
        kind: 'account_manager_assigned',
        detail: { staffId: 'S-AM-GONE', withinSla: true },
      },
    ],
  };
  const staffNames = { 'S-FOLLOWUP': '张敏', 'S-FOLLOWUP-WANG': '王芳', 'S-SUPERVISOR': '孙督导' };
  const links = {
    self: '/v1/subscribers/SUB-2',
    temporalWebUi: '/temporal/namespaces/default/workflows/journey-SUB-2',
  };

  it('when a journey is opened, it shows where the journey is, its tasks, SMS and timeline; the Temporal link only when an engineer', () => {
    expect(staffNamedIn(state.timeline).sort()).toEqual(['S-AM-GONE', 'S-FOLLOWUP', 'S-FOLLOWUP-WANG', 'S-SUPERVISOR']);
    const page = render(JourneyPage, journeyPageModel(state, links, 'store', staffNames));
    expect(text(page, 'h1')).toBe('客户旅程 · 刘洋 (SUB-2)');
    expect(all(page, '.card dd')).toEqual(['进行中', '回访解惑', 'A66', '普通', '否']);
    expect(page.querySelectorAll('a').filter((link) => link.text === '在 Temporal Web UI 中查看')).toHaveLength(0);
    const tasks = page.querySelectorAll('table')[0]!.querySelectorAll('tbody tr');
    expect(tasks.map((row) => all(row, 'td').slice(0, 2))).toEqual([
      ['入网辅导', '已完成'],
      ['首次回访', '待处理'],
    ]);
    expect(tasks[0]!.querySelector('a')?.getAttribute('href')).toBe('/ui/tasks/journey-SUB-2%3Aonboarding_coaching');
    expect(all(tasks[1]!, 'td')[3]).not.toBe('');
    const timeline = page.querySelectorAll('table')[2]!.querySelectorAll('tr');
    // Staff by their names, never their ids (S-FOLLOWUP).
    expect(timeline.map((row) => all(row, 'td').slice(1))).toEqual([
      ['进入服务时刻：入网辅导'],
      ['信号问题已转网络部门（济南市历下区解放路22号）'],
      ['未联系上，第 1 次尝试（张敏）'],
      ['任务改派给 王芳（督导 孙督导）'],
      ['客户等级变更：普通 → 金卡'],
      ['分配客户经理：S-AM-GONE'],
    ]);

    const engineer = render(
      JourneyPage,
      journeyPageModel(state, links, 'engineer', staffNames),
      uiAs(staff('engineer')),
    );
    const temporal = engineer.querySelectorAll('a').find((link) => link.text === '在 Temporal Web UI 中查看');
    expect(temporal?.getAttribute('href')).toBe(links.temporalWebUi);
  });
});

describe('journey page: what was handed on', () => {
  it('when work was handed on, each ticket shows with its task and who resolved it, and each order for the BSS with its state and collections', () => {
    const state: JourneyState = {
      journeyId: 'journey-SUB-4',
      status: 'running',
      moment: 'first_followup',
      subscriber: activationProfile({
        subscriberId: 'SUB-4',
        msisdn: '13800138004',
        name: '周丽',
        activatedAt: '2026-11-25T09:30:00+08:00',
      }),
      plan: { ...plans.find((terms) => terms.code === 'A66')! },
      tier: 'standard',
      dnd: false,
      firstPaymentDueAt: '2026-12-25T00:00:00.000Z',
      usage: [],
      tasks: [],
      sms: [],
      networkTickets: [
        {
          ticketId: 'NT-1',
          status: 'resolved',
          resolvedBy: 'network',
          taskId: 'journey-SUB-4:network_ticket:NT-1',
          dueAt: '2026-12-06T02:00:00.000Z',
        },
        { ticketId: 'NT-0', status: 'open', dueAt: '2026-12-06T02:00:00.000Z' },
      ],
      timeline: [],
    };
    const order = {
      kind: 'plan_change',
      subscriberId: 'SUB-4',
      fromPlanCode: 'A66',
      lastDeliveredAt: null,
      requestedAt: '2026-11-29T02:00:00.000Z',
    };
    const orders = [
      {
        ...order,
        id: 'o-1',
        toPlanCode: 'B96',
        status: 'delivered' as const,
        deliveries: 2,
        settledAt: null,
        reason: null,
      },
      {
        ...order,
        id: 'o-2',
        toPlanCode: 'B66',
        status: 'rejected' as const,
        deliveries: 1,
        settledAt: '2026-11-30T02:00:00.000Z',
        reason: '合约期内不能变更套餐',
      },
    ];
    const links = { self: '/v1/subscribers/SUB-4', temporalWebUi: '/temporal/x' };
    const page = render(
      JourneyPage,
      journeyPageModel(state, links, 'supervisor', {}, orders),
      uiAs(staff('supervisor')),
    );
    const tickets = page.querySelectorAll('[data-testid=tickets] tr');
    expect(all(tickets[0]!, 'td')[0]).toBe('已解决（网络部门处理）');
    expect(tickets[0]!.querySelector('a')?.getAttribute('href')).toBe(
      `/ui/tasks/${encodeURIComponent('journey-SUB-4:network_ticket:NT-1')}`,
    );
    expect(all(tickets[1]!, 'td')[0]).toBe('待处理');
    expect(page.querySelectorAll('[data-testid=bss-orders] tbody tr').map((row) => all(row, 'td'))).toEqual([
      ['B96', '已提取，待回复', '2', '2026/11/29 10:00', ''],
      ['B66', '未受理（合约期内不能变更套餐）', '1', '2026/11/29 10:00', '2026/11/30 10:00'],
    ]);
    const none = render(JourneyPage, journeyPageModel({ ...state, networkTickets: [] }, links, 'supervisor', {}));
    expect(none.querySelector('[data-testid=bss-orders]')).toBeNull();
  });
});

describe('supervisor dashboard', () => {
  const figures = (total: number, completed: number, slaCompliance: number | null): TaskFigures => ({
    total,
    open: total - completed,
    overdue: 1,
    pastWindow: 1,
    completed,
    completedOnTime: completed,
    expired: 0,
    escalated: 1,
    slaCompliance,
  });
  const report: JourneyReport = {
    generatedAt: new Date(now).toISOString(),
    journeys: { byStatus: { running: 3 }, runningByMoment: { first_followup: 2, activation: 1 } },
    tasksByType: {},
    tasksByMoment: { onboarding_coaching: figures(4, 3, 0.75), first_followup: figures(2, 0, null) },
    followupIssues: { signal: 2 },
    activationSms: { sent: 3, withinSla: 2, late: 1 },
    accountManagers: [],
  };
  const attention: AttentionRow = {
    id: 'journey-SUB-3:onboarding_coaching',
    journeyId: 'journey-SUB-3',
    subscriberId: 'SUB-3',
    type: 'onboarding_coaching',
    role: 'store',
    storeId: null,
    assigneeId: null,
    status: 'open',
    availableAt: hoursFromNow(-80),
    dueAt: hoursFromNow(-8),
    payload: {},
    attempts: [],
    maxAttempts: 1,
    outcome: null,
    completedById: null,
    escalatedAt: hoursFromNow(-8),
    endedAt: null,
    endReason: null,
    calendarVersion: null,
    windowEndsAt: hoursFromNow(-8),
    dueAtWindowEnd: false,
    revision: 2,
    createdAt: hoursFromNow(-80),
    updatedAt: hoursFromNow(-8),
    subscriber: { name: '周敏' },
  };

  it('when the supervisor opens the dashboard, it charts completion and SLA per moment, lists the overdue escalated task, counts journeys and issues', () => {
    const followup: AttentionRow = {
      ...attention,
      id: 'journey-SUB-4:first_followup_call',
      type: 'first_followup_call',
      role: 'followup',
      storeId: null,
      subscriber: { name: '吴刚' },
    };
    const clubOrder: AttentionRow = {
      ...attention,
      id: 'journey-SUB-5:club_service_order',
      role: 'club',
      storeId: 'JN001',
    };
    const page = render(
      DashboardPage,
      dashboardModel(report, [attention, followup, clubOrder], stores, now),
      uiAs(staff('supervisor')),
    );
    expect(text(page, 'h1')).toBe('督导看板');
    const bars = page.querySelectorAll('#sla-chart g[data-moment=onboarding_coaching] rect');
    expect(bars.map((bar) => [bar.getAttribute('height'), text(bar, 'title')])).toEqual([
      ['135', '完成率 75%'],
      ['135', '及时率 75%'],
    ]);
    const unjudged = page.querySelectorAll('#sla-chart g[data-moment=first_followup] rect');
    expect(unjudged.map((bar) => [bar.getAttribute('height'), text(bar, 'title')])).toEqual([
      ['0', '完成率 0%'],
      ['0', '及时率 —'],
    ]);
    expect(page.querySelectorAll('.card table tbody tr').map((row) => all(row, 'td'))).toEqual([
      ['入网辅导', '4', '3', '1', '0', '1', '75%'],
      ['回访解惑', '2', '0', '1', '0', '1', '—'],
    ]);
    expect(text(page, '[data-testid=sla-rule]')).toContain('及时率按方案规定的时限计算');

    const row = page.querySelector(`#attention tr[data-task-id="${attention.id}"]`)!;
    expect(row.classList.contains('overdue')).toBe(true);
    expect(text(row, '.badge.overdue')).toBe('已超时');
    expect(text(row, '.badge.escalated')).toBe('已督办');
    expect(row.querySelector('a[href="/ui/subscribers/SUB-3"]')?.text).toBe('周敏');
    // People's words, never codes: the role's name, the store's name, 不适用 for a task of no store.
    expect(all(row, 'td').slice(3)).toEqual(['营业员', '不适用']);
    const followupRow = page.querySelector(`#attention tr[data-task-id="${followup.id}"]`)!;
    expect(all(followupRow, 'td').slice(3)).toEqual(['回访专员', '不适用']);
    const clubRow = page.querySelector(`#attention tr[data-task-id="${clubOrder.id}"]`)!;
    expect(all(clubRow, 'td').slice(3)).toEqual(['3G俱乐部', '济南泉城路营业厅']);
    expect(all(page, '#attention th')).toEqual(['截止时间', '任务', '客户', '岗位', '营业厅']);
    expect(all(page, '.badge.moment')).toEqual(['回访解惑: 2', '入网激活: 1']);
    expect(all(page, '.badge.issue')).toEqual(['信号类: 2']);
  });

  it('when nothing needs attention, it says "none", in English too', () => {
    const quiet = { ...report, journeys: { byStatus: {}, runningByMoment: {} }, followupIssues: {} };
    const page = render(
      DashboardPage,
      dashboardModel(quiet, [], stores, now),
      uiAs(staff('supervisor'), '/ui/dashboard', 'en'),
    );
    expect(text(page, 'h1')).toBe('Supervisor dashboard');
    expect(page.querySelector('#attention')).toBeNull();
    // Journeys by moment, follow-up issues, account managers and the attention list.
    expect(page.text.match(/None/g)).toHaveLength(4);
    expect(page.querySelector('[data-testid=account-managers]')).toBeNull();
  });
});

describe('error page', () => {
  it('when a page fails, it shows the reason as text and links back to the inbox', () => {
    const page = render(ErrorPage, { message: 'task_not_found: <b>no such task</b>' });
    expect(text(page, '[role=alert]')).toBe('task_not_found: <b>no such task</b>');
    expect(page.querySelector('[role=alert] b')).toBeNull();
    expect(page.querySelector('main a')?.getAttribute('href')).toBe('/ui/tasks');
  });
});
