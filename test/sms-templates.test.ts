import { helpDigits, renderSms, replyToInbound, smsCategories, type SmsRequest } from '../domain/sms-templates';
import { paymentMethods } from '../domain/service-plan';
import { plans, stores } from '../prisma/seed-data';
import { locales, type PlanTerms } from '../domain/vocabulary';

const a66 = plans.find((plan) => plan.code === 'A66')! as PlanTerms;
const store = stores.find((candidate) => candidate.id === 'JN001')!;

/** A mandated text of the plan (四.1) with each `*` filled, in order, by `values`. */
function filled(mandated: string, ...values: (string | number)[]): string {
  const parts = mandated.split('*');
  expect(parts).toHaveLength(values.length + 1);
  return parts.reduce((text, part, index) => text + String(values[index - 1]) + part);
}

// The plan's 四.1.(1) and (2) as the province mandates them (its ASCII parentheses full-width, as the
// rest of the text is punctuated).
const mandatedWelcome =
  '尊敬的客户，欢迎使用联通*业务，您所使用的是*套餐，即每月套餐月费为*元，其中包括*分钟国内语音通话时长、*MB移动数据流量费，*条国内点对点短信、*条国内点对点彩信、赠送来电显示业务及6元手机邮箱业务，全国范围内接听电话均免费；如果超出套餐包部分，国内语音通话费拨打*元/分钟、国内流量仅收取*元/KB，其他业务执行标准资费（国内均不含港澳台）。';
const mandatedPassword =
  '您的初始服务密码为*，凭密码可自助办理业务，请妥善保管，为确保您的私人信息安全，请尽快拨打10010或登陆*网站进行修改。';

const examples: SmsRequest[] = [
  { template: 'welcome', values: { plan: a66 } },
  { template: 'initial_password', values: { secretId: 'secret-1' } },
  { template: 'help_menu', values: {} },
  { template: 'help_reply', values: { digit: '4', store } },
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
  it("the welcome SMS is the province's mandated text word for word, its placeholders filled from the plan", () => {
    const { body, category } = renderSms(examples[0]!, 'zh-CN');
    expect(category).toBe('service');
    // A66: 66 yuan, 50 min, 300 MB, 10 SMS, 6 MMS; 0.15 yuan/min and 0.0003 yuan/KB beyond.
    expect(body).toBe(`【中国联通】${filled(mandatedWelcome, '3G', 'A计划', 66, 50, 300, 10, 6, 0.15, 0.0003)}`);
    // The fee is said once, in the text's own "即每月套餐月费为66元".
    expect(body.match(/66元/g)).toHaveLength(1);
  });

  it.each(plans.map((plan) => plan.code))('the welcome SMS for plan %s fills the mandated text', (code) => {
    const plan = plans.find((candidate) => candidate.code === code)! as PlanTerms;
    const zh = renderSms({ template: 'welcome', values: { plan } }, 'zh-CN').body;
    const en = renderSms({ template: 'welcome', values: { plan } }, 'en').body;
    // An allowance the plan does not have is left out with its separator: no "0条国内点对点彩信".
    const mandated = plan.mms > 0 ? mandatedWelcome : mandatedWelcome.replace('*条国内点对点彩信、', '');
    const allowances = [plan.voiceMinutes, plan.dataMB, plan.sms, ...(plan.mms > 0 ? [plan.mms] : [])];
    const rates = [plan.voiceOveragePerMin, plan.dataOveragePerKB];
    expect(zh).toBe(
      `【中国联通】${filled(mandated, '3G', `${plan.family}计划`, plan.monthlyFee, ...allowances, ...rates)}`,
    );
    expect(en).toContain(`Your plan is Plan ${plan.family}, that is, a monthly plan fee of ${plan.monthlyFee} yuan`);
    expect(en).not.toMatch(/(?<![\d.])0 (minutes|MB|domestic)/);
    expect(en.includes('MMS')).toBe(plan.mms > 0);
  });

  it("the password SMS is the province's mandated text, its website named and 登陆 spelt 登录", () => {
    const zh = renderSms(examples[1]!, 'zh-CN', { password: '884213' }).body;
    const en = renderSms(examples[1]!, 'en', { password: '884213' }).body;
    expect(zh).toBe(`【中国联通】${filled(mandatedPassword, '884213', 'www.10010.com').replace('登陆', '登录')}`);
    expect(en).toContain('calling 10010 or signing in at the www.10010.com website');
  });

  it('the opt-out confirmation promises no more than DND does, in both languages', () => {
    const zh = renderSms(examples[6]!, 'zh-CN').body;
    const en = renderSms(examples[6]!, 'en').body;
    // DND stops the marketing SMS and the telemarketing call; service SMS and a VIP's manager go on.
    expect(zh).toContain('我们将不再给您发送短信或致电向您推荐业务');
    expect(en).toContain('we will no longer text you or call you to recommend services');
    expect(zh).toContain('缴费提醒等服务短信仍会照常发送');
    expect(en).toContain('Service texts such as payment reminders still come');
    expect(zh).toContain('如您是VIP客户，客户经理仍会致电为您服务');
    expect(en).toContain('if you are a VIP customer, your account manager still calls to serve you');
    // Nothing the journey does not send: bills come from billing, not from this service.
    expect(zh).not.toMatch(/账单|营销信息/);
    expect(en).not.toMatch(/bill|no more offers/i);
  });

  it("the club's help reply names the 3G Club corner of the store where the customer joined", () => {
    const reply = (locale: (typeof locales)[number]) =>
      renderSms({ template: 'help_reply', values: { digit: '5', store } }, locale).body;
    expect(reply('zh-CN')).toContain('您入网的济南泉城路营业厅设有3G俱乐部体验区');
    expect(reply('en')).toContain('the Jinan Quancheng Road store where you joined has a 3G Club corner');
  });

  it('the payment help lists the 8 payment methods; the marketing SMS says how to order and how to stop', () => {
    const payment = renderSms({ template: 'help_reply', values: { digit: '4', store } }, 'zh-CN').body;
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
      ...helpDigits.map((digit) => ({ template: 'help_reply', values: { digit, store } }) as const),
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
    // "如需办理…办理" said 办理 twice in one clause.
    expect(renderSms(examples[7]!, 'zh-CN').body).toContain('欢迎拨打10010或到中国联通营业厅办理。');
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
    expect(replyToInbound(' 3 ', store)).toEqual({ template: 'help_reply', values: { digit: '3', store } });
    expect(replyToInbound('６', store)).toEqual({ template: 'help_reply', values: { digit: '6', store } });
    expect(replyToInbound('9', store)).toEqual({ template: 'help_menu', values: {} });
    expect(replyToInbound('怎么交费', store)).toEqual({ template: 'help_menu', values: {} });
  });
});
