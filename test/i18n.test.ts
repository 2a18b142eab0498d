import { translator } from '../api/ui/i18n';
import { followupIssueCategories, coachingItems, taskStatuses, taskTypes } from '../workflows/tasks';
import { moments } from '../workflows/state';
import { locales, tiers } from '../domain/vocabulary';

const zh = translator('zh-CN');
const en = translator('en');

/** Every code a staff page names: task types, statuses, moments, checklist items, issue categories, tiers. */
const codes = [...taskTypes, ...taskStatuses, ...moments, ...coachingItems, ...followupIssueCategories, ...tiers];

describe('the staff pages speak as the operator’s staff do', () => {
  it('the follow-up call opens as China Unicom (中国联通), never as 移动公司', () => {
    expect(zh.script('first_followup_call')[0]).toMatch(/^您好，我是中国联通客服/);
    expect(en.script('first_followup_call')[0]).toMatch(/^Hello, this is China Unicom customer service/);
    for (const type of taskTypes) expect(zh.script(type).join('')).not.toMatch(/移动公司|中国移动/);
  });

  it('the checklist items carry the plan’s names: 换号通知设置辅导, 入网协议要点告知 …', () => {
    expect(coachingItems.map((item) => zh.code(item))).toEqual([
      '套餐资费标准告知',
      '入网协议要点告知',
      '便捷服务渠道告知',
      '查费/扣费/缴费方法告知',
      '3G流量使用注意事项告知',
      '推荐3G客户俱乐部',
      '上网辅导',
      '换号通知设置辅导',
      '客户等级及权益告知',
    ]);
    expect(en.code('number_change_coaching')).toBe('Number-change notice set-up');
    expect(en.code('contract_terms')).toBe('Key points of the service agreement');
  });

  it('no label says 开户, 大客户, 已升级, SLA, 携号转网 or 合约条款', () => {
    const words = [
      ...codes.map((code) => zh.code(code)),
      zh('col.escalated'),
      zh('dashboard.overdue'),
      zh('dashboard.byMoment'),
      zh('dashboard.sla'),
    ];
    for (const word of words) expect(word).not.toMatch(/开户|大客户|已升级|SLA|携号|合约条款/);
    expect(zh.code('activation')).toBe('入网激活');
    expect(zh.code('vip_service_recommendation')).toBe('VIP特色服务推荐');
    expect(zh('col.escalated')).toBe('已督办');
    expect(zh('dashboard.sla')).toBe('及时率');
  });

  it('labels use the plan’s terms and read as a native speaker says them', () => {
    // The contract's figure is what is still paid each month (66 − 39 = 27), not a total spend.
    expect(zh('field.outOfPocket')).toBe('每月还需交纳的话费');
    expect(zh.code('explain_contract_out_of_pocket')).toBe('讲解合约每月还需交纳的话费');
    // The control group measures staff's touches, which the customer does not pay for.
    expect([zh('dashboard.liftLink'), zh('lift.title')]).toEqual([
      '人工触达效果评估（对照组）',
      '人工触达效果评估（对照组）',
    ]);
    expect(zh.script('vip_first_call')[0]).toMatch(/^向客户自我介绍：“您好，我是您的专属客户经理/);
    expect(zh.code('store')).toBe('未单独设置营业时间的营业厅');
    expect([zh('role.store'), zh('role.hotline')]).toEqual(['营业员', '客服热线']);
    expect(
      ['promotion', 'verify_identity', 'first_followup_call', 'vip_first_call', 'plan_fit_consultation'].map((code) =>
        zh.code(code),
      ),
    ).toEqual(['促销政策类', '入网基本信息核实', '首次回访', '客户经理首次回访', '套餐合适度辅导']);
    expect(followupIssueCategories.map((category) => zh.code(category))).toEqual([
      '资费类',
      '信号类',
      '账单类',
      '促销政策类',
      '其它类',
    ]);
    const everyLabel = [...codes.map((code) => zh.code(code)), ...taskTypes.flatMap((type) => zh.script(type))];
    for (const label of everyLabel) expect(label).not.toMatch(/付费触达|实际支出|店员|（未单独|首次联系|核实身份/);
  });

  it.each(locales)('every code has a label of its own in %s, never the raw code', (locale) => {
    const t = translator(locale);
    for (const code of codes) {
      const label = t.code(code);
      expect(label).not.toBe(code);
      if (locale === 'en') {
        expect(label).not.toMatch(/[\u4e00-\u9fff_]/);
        expect(label).toMatch(/^[A-Z0-9"]/);
      } else {
        expect(label).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('English labels of the moments and scripts read as English, with no jargon left from the code', () => {
    expect(en('dashboard.sla')).toBe('On time');
    expect(en.code('callback')).toBe('Promised callback');
    for (const type of taskTypes) {
      for (const line of en.script(type)) expect(line).not.toMatch(/[\u4e00-\u9fff]|_/);
    }
  });
});
