import { helpDigits, renderSms, replyToInbound, smsCategories, type SmsRequest } from '../activities/sms-templates';
import { paymentMethods } from '../domain/service-plan';
import { plans } from '../prisma/seed-data';
import { locales, type PlanTerms } from '../domain/vocabulary';

const a66 = plans.find((plan) => plan.code === 'A66')! as PlanTerms;

const examples: SmsRequest[] = [
  { template: 'welcome', values: { plan: a66 } },
  { template: 'initial_password', values: { secretId: 'secret-1' } },
  { template: 'help_menu', values: {} },
  { template: 'help_reply', values: { digit: '4' } },
  { template: 'payment_reminder', values: { dueAt: '2026-12-31T15:59:59.000Z' } },
  { template: 'marketing_vas', values: { services: [{ name: '沃音乐', nameEn: 'Wo Music', monthlyFee: 8 }] } },
  { template: 'unsubscribe_confirmed', values: {} },
  {
    template: 'promotion_launched',
    values: {
      promotion: {
        code: 'NEW_YEAR',
        name: { 'zh-CN': '新春流量包', en: 'New Year data pack' },
        description: { 'zh-CN': '每月加送1GB流量。', en: '1 GB more data each month.' },
      },
    },
  },
];

describe('SMS templates', () => {
  it('the welcome SMS quotes every figure of the plan and the plan’s overage rates', () => {
    const { body, category } = renderSms(examples[0]!, 'zh-CN');
    expect(category).toBe('service');
    for (const figure of [
      '您的套餐是3G基本套餐A计划66元，',
      '月费66元',
      '国内语音拨打50分钟',
      '国内数据流量300MB',
      '国内点对点短信10条',
      '国内点对点彩信6条',
      '0.15元/分钟',
      '0.0003元/KB',
    ]) {
      expect(body).toContain(figure);
    }
    expect(body.startsWith('【中国联通】')).toBe(true);
  });

  it.each(plans.map((plan) => plan.code))('the welcome SMS reads naturally for plan %s', (code) => {
    const plan = plans.find((candidate) => candidate.code === code)! as PlanTerms;
    const zh = renderSms({ template: 'welcome', values: { plan } }, 'zh-CN').body;
    const en = renderSms({ template: 'welcome', values: { plan } }, 'en').body;
    expect(zh.split(plan.name)).toHaveLength(2);
    expect(en.split(plan.nameEn)).toHaveLength(2);
    expect(zh).not.toMatch(/套餐套餐|元套餐|流量费，/);
    // No allowance of nothing: "0条…彩信", "0 domestic MMS".
    expect(zh).not.toMatch(/(?<![\d.])0(条|分钟|MB)/);
    expect(en).not.toMatch(/(?<![\d.])0 (minutes|MB|domestic)/);
    expect(zh.includes('彩信')).toBe(plan.mms > 0);
    expect(en.includes('MMS')).toBe(plan.mms > 0);
    expect(zh).toContain(`月费${plan.monthlyFee}元`);
  });

  it('the password SMS names real channels: 10010, 登录网上营业厅 or 手机营业厅 (not “登陆WWW网站”)', () => {
    const zh = renderSms(examples[1]!, 'zh-CN', { password: '884213' }).body;
    const en = renderSms(examples[1]!, 'en', { password: '884213' }).body;
    expect(zh).not.toMatch(/登陆|WWW网站/);
    expect(zh).toContain('请尽快拨打10010，或登录网上营业厅（www.10010.com）、手机营业厅修改密码');
    expect(en).toContain('calling 10010 or signing in at www.10010.com or in the China Unicom app');
  });

  it('the payment help lists the 8 payment methods; the marketing SMS says how to order and how to stop', () => {
    const payment = renderSms({ template: 'help_reply', values: { digit: '4' } }, 'zh-CN').body;
    for (const method of paymentMethods) expect(payment).toContain(method.name['zh-CN']);
    const marketing = renderSms(examples[5]!, 'zh-CN').body;
    expect(marketing).toContain('沃音乐（8元/月）');
    expect(marketing).toContain('如需办理，请回复业务名称或拨打10010；回复TD退订。');
    expect(renderSms(examples[5]!, 'en').body).toContain('reply TD to stop these messages');
  });

  it.each(locales)('every SMS in %s is punctuated as the language writes it', (locale) => {
    const requests: SmsRequest[] = [
      ...examples,
      ...plans.map((plan) => ({ template: 'welcome', values: { plan: plan as PlanTerms } }) as const),
      ...helpDigits.map((digit) => ({ template: 'help_reply', values: { digit } }) as const),
    ];
    for (const request of requests) {
      const { body } = renderSms(request, locale, { password: '884213' });
      if (locale === 'zh-CN') {
        // Full-width punctuation in Chinese; ASCII only inside figures and addresses (0.15, www.10010.com).
        expect(body).not.toMatch(/[,;:!?()]/);
        expect(body).toMatch(/[。）]$/);
      } else {
        expect(body).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
        expect(body).not.toMatch(/ {2}| [,.;:]/);
        expect(body).toMatch(/[.]$/);
      }
    }
  });

  it('the password SMS carries the password to the subscriber, a masked copy to the outbox', () => {
    const rendered = renderSms(examples[1]!, 'zh-CN', { password: '884213' });
    expect(rendered.body).toContain('您的初始服务密码为884213');
    expect(rendered.storedBody).toContain('您的初始服务密码为******');
    expect(rendered.storedBody).not.toContain('884213');
    expect(() => renderSms(examples[1]!, 'zh-CN')).toThrow(/opened secret/);
  });

  it('a promise kept: the launch SMS names the offer; TD is confirmed as a service message', () => {
    expect(renderSms(examples[7]!, 'zh-CN').body).toContain('新春流量包');
    expect(renderSms(examples[7]!, 'en').body).toContain('New Year data pack');
    expect(renderSms(examples[6]!, 'zh-CN')).toMatchObject({
      category: 'service',
      body: expect.stringContaining('退订'),
    });
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
