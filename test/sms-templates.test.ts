import { renderSms, replyToInbound, smsCategories, type SmsRequest } from '../activities/sms-templates';
import { plans } from '../prisma/seed-data';
import { locales, type PlanTerms } from '../workflows/domain';

const a66 = plans.find((plan) => plan.code === 'A66')! as PlanTerms;

const examples: SmsRequest[] = [
  { template: 'welcome', values: { plan: a66 } },
  { template: 'initial_password', values: { secretId: 'secret-1' } },
  { template: 'help_menu', values: {} },
  { template: 'help_reply', values: { digit: '4' } },
  { template: 'payment_reminder', values: { dueAt: '2026-12-31T15:59:59.000Z' } },
  { template: 'marketing_vas', values: { services: [{ name: '沃音乐', nameEn: 'Wo Music', monthlyFee: 8 }] } },
];

describe('SMS templates', () => {
  it('the welcome SMS quotes every figure of the plan and the seed’s overage rates', () => {
    const { body, category } = renderSms(examples[0]!, 'zh-CN');
    expect(category).toBe('service');
    for (const figure of [
      '3G基本套餐A计划66元',
      '月费为66元',
      '50分钟',
      '300MB',
      '10条国内点对点短信',
      '6条国内点对点彩信',
      '0.15元/分钟',
      '0.0003元/KB',
    ]) {
      expect(body).toContain(figure);
    }
    expect(body.startsWith('【中国联通】')).toBe(true);
  });

  it('the password SMS carries the password to the subscriber, a masked copy to the outbox', () => {
    const rendered = renderSms(examples[1]!, 'zh-CN', { password: '884213' });
    expect(rendered.body).toContain('您的初始服务密码为884213');
    expect(rendered.storedBody).toContain('您的初始服务密码为******');
    expect(rendered.storedBody).not.toContain('884213');
    expect(() => renderSms(examples[1]!, 'zh-CN')).toThrow(/opened secret/);
  });

  it('the payment reminder names the due date in Asia/Shanghai', () => {
    expect(renderSms(examples[4]!, 'zh-CN').body).toContain('2026年12月31日');
    expect(renderSms(examples[4]!, 'en').body).toContain('31 December 2026');
  });

  it.each(locales)('every template renders in %s, signed, and only marketing is marketing', (locale) => {
    for (const request of examples) {
      const { body, category } = renderSms(request, locale, { password: '884213' });
      expect(body.length).toBeGreaterThan(20);
      expect(body).toMatch(locale === 'en' ? /^\[China Unicom\] / : /^【中国联通】/);
      expect(category).toBe(request.template === 'marketing_vas' ? 'marketing' : 'service');
    }
    expect(Object.keys(smsCategories).sort()).toEqual(examples.map((request) => request.template).sort());
  });

  it('inbound replies: a digit (full-width too) gets its answer, anything else the menu again', () => {
    expect(replyToInbound(' 3 ')).toEqual({ template: 'help_reply', values: { digit: '3' } });
    expect(replyToInbound('６')).toEqual({ template: 'help_reply', values: { digit: '6' } });
    expect(replyToInbound('9')).toEqual({ template: 'help_menu', values: {} });
    expect(replyToInbound('怎么交费')).toEqual({ template: 'help_menu', values: {} });
  });
});
