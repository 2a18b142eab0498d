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
