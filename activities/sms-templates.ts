import type { Locale, PlanTerms } from '../workflows/domain';

/**
 * Every SMS of the journey, in Simplified Chinese (the seed's texts, §4) and English. Pure: the SMS
 * activity renders, the tests read the same texts.
 */

/** An SMS the journey asks for. The password SMS names its sealed secret, never the password. */
export type SmsRequest =
  | { template: 'welcome'; values: { plan: PlanTerms } }
  | { template: 'initial_password'; values: { secretId: string } }
  | { template: 'help_menu'; values: Record<string, never> }
  | { template: 'help_reply'; values: { digit: HelpDigit } }
  | { template: 'payment_reminder'; values: { dueAt: string } }
  | { template: 'marketing_vas'; values: { services: { name: string; nameEn: string; monthlyFee: number }[] } };

export type SmsTemplate = SmsRequest['template'];
export type SmsCategory = 'service' | 'marketing';

/** The category of each template: DND and quiet hours hold back marketing, never service messages. */
export const smsCategories: Record<SmsTemplate, SmsCategory> = {
  welcome: 'service',
  initial_password: 'service',
  help_menu: 'service',
  help_reply: 'service',
  payment_reminder: 'service',
  marketing_vas: 'marketing',
};

export const helpDigits = ['1', '2', '3', '4', '5', '6'] as const;
export type HelpDigit = (typeof helpDigits)[number];

const signature: Record<Locale, string> = { 'zh-CN': '【中国联通】', en: '[China Unicom] ' };

const helpMenu: Record<Locale, string> = {
  'zh-CN':
    '获取帮助请回复数字：1、忘记密码怎么办 2、如何开通手机上网 3、如何查询话费和流量 4、如何缴费 5、3G俱乐部在哪里 6、人工服务',
  en: 'For help reply with a digit: 1 forgotten password 2 mobile internet set-up 3 checking balance and data 4 how to pay 5 where is the 3G Club 6 talk to an agent',
};

const helpReplies: Record<HelpDigit, Record<Locale, string>> = {
  '1': {
    'zh-CN': '忘记服务密码：请携带本人有效身份证件到任一联通营业厅重置，或拨打10010按语音提示验证身份后重置。',
    en: 'Forgotten service password: bring your ID to any China Unicom store, or call 10010 and follow the prompts to verify and reset it.',
  },
  '2': {
    'zh-CN':
      '开通手机上网：3G套餐已开通上网功能，请在手机“设置-移动网络”中将接入点(APN)设为3gnet；如需帮助可到3G俱乐部免费辅导。',
    en: 'Mobile internet: your 3G plan includes data. Set the access point (APN) to 3gnet under Settings > Mobile network; the 3G Club helps for free.',
  },
  '3': {
    'zh-CN': '查询话费和流量：发送CXHF到10010查询话费，发送CXLL到10010查询流量，也可登录网上营业厅或拨打10010查询。',
    en: 'Balance and data: text CXHF to 10010 for your balance and CXLL for data used, or use the online store or call 10010.',
  },
  '4': {
    'zh-CN':
      '缴费方式：营业厅、网上营业厅、手机营业厅、银行代扣、充值卡均可缴费，推荐使用电子自助缴费，请按时缴费以免停机。',
    en: 'How to pay: at a store, in the online or mobile store, by bank debit or with a top-up card; pay on time to avoid suspension.',
  },
  '5': {
    'zh-CN': '3G俱乐部：请到您入网的营业厅咨询就近的3G俱乐部，免费提供手机激活、号码转存、软件安装和3G课堂等服务。',
    en: '3G Club: ask at the store where you joined for the nearest 3G Club: free phone activation, contact transfer, app installs and 3G classes.',
  },
  '6': {
    'zh-CN': '人工服务：请拨打客服热线10010，按0转人工服务。',
    en: 'To talk to an agent, call the 10010 hotline and press 0.',
  },
};

function yuan(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

function formatDate(iso: string, locale: Locale): string {
  const format = locale === 'zh-CN' ? 'zh-CN' : 'en-GB';
  return new Intl.DateTimeFormat(format, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(iso));
}

function welcome(plan: PlanTerms, locale: Locale): string {
  const voiceRate = yuan(plan.voiceOveragePerMin);
  const dataRate = String(plan.dataOveragePerKB);
  if (locale === 'en') {
    return (
      `Dear customer, welcome to China Unicom 3G. Your plan is ${plan.nameEn}: ${yuan(plan.monthlyFee)} yuan a month including ` +
      `${plan.voiceMinutes} minutes of domestic calls, ${plan.dataMB} MB of mobile data, ${plan.sms} domestic SMS and ${plan.mms} domestic MMS, ` +
      `with caller ID and a 6-yuan mobile mailbox free; incoming calls are free nationwide. Beyond the plan, domestic calls cost ${voiceRate} yuan/min ` +
      `and domestic data ${dataRate} yuan/KB; other services at standard rates (domestic excludes Hong Kong, Macao and Taiwan).`
    );
  }
  return (
    `尊敬的客户，欢迎使用联通3G业务，您所使用的是${plan.name}套餐，即每月套餐月费为${yuan(plan.monthlyFee)}元，` +
    `其中包括${plan.voiceMinutes}分钟国内语音通话时长、${plan.dataMB}MB移动数据流量费，${plan.sms}条国内点对点短信、${plan.mms}条国内点对点彩信、` +
    `赠送来电显示业务及6元手机邮箱业务，全国范围内接听电话均免费；如果超出套餐包部分，国内语音通话费拨打${voiceRate}元/分钟、` +
    `国内流量仅收取${dataRate}元/KB，其他业务执行标准资费（国内均不含港澳台）。`
  );
}

function password(secret: string, locale: Locale): string {
  return locale === 'en'
    ? `Your initial service password is ${secret}. Use it for self-service; keep it safe, and for your privacy change it soon by calling 10010 or on our website.`
    : `您的初始服务密码为${secret}，凭密码可自助办理业务，请妥善保管，为确保您的私人信息安全，请尽快拨打10010或登陆WWW网站进行修改。`;
}

function paymentReminder(dueAt: string, locale: Locale): string {
  const date = formatDate(dueAt, locale);
  return locale === 'en'
    ? `Dear customer, your first bill is due by ${date}. Please pay in time to avoid suspension of service: at a store, online, in the mobile store, by bank debit or top-up card. Questions: your account manager or 10010.`
    : `尊敬的客户，您的首月话费请于${date}前缴清，以免停机影响使用。缴费方式：营业厅、网上营业厅、手机营业厅、银行代扣、充值卡。如有疑问请联系您的客户经理或拨打10010。`;
}

function marketing(services: { name: string; nameEn: string; monthlyFee: number }[], locale: Locale): string {
  if (locale === 'en') {
    const list = services.map((service) => `${service.nameEn} (${yuan(service.monthlyFee)} yuan/month)`).join(', ');
    return `Dear customer, picked for the way you use your phone: ${list}. Reply or call 10010 to add one.`;
  }
  const list = services.map((service) => `${service.name}（${yuan(service.monthlyFee)}元/月）`).join('、');
  return `尊敬的客户，根据您的使用习惯，为您推荐：${list}。如需办理请回复或拨打10010。`;
}

/** A rendered SMS: `body` goes to the subscriber, `storedBody` to the outbox (the password masked). */
export interface RenderedSms {
  body: string;
  storedBody: string;
  category: SmsCategory;
}

/**
 * Renders an SMS in the subscriber's language. The password SMS needs the opened secret in
 * `password`; its stored body shows `******` instead.
 */
export function renderSms(request: SmsRequest, locale: Locale, opened: { password?: string } = {}): RenderedSms {
  const sign = (text: string) => `${signature[locale]}${text}`;
  const category = smsCategories[request.template];
  switch (request.template) {
    case 'welcome':
      return same(sign(welcome(request.values.plan, locale)), category);
    case 'initial_password': {
      if (!opened.password) throw new Error('the password SMS needs its opened secret');
      return { body: sign(password(opened.password, locale)), storedBody: sign(password('******', locale)), category };
    }
    case 'help_menu':
      return same(sign(helpMenu[locale]), category);
    case 'help_reply':
      return same(sign(helpReplies[request.values.digit][locale]), category);
    case 'payment_reminder':
      return same(sign(paymentReminder(request.values.dueAt, locale)), category);
    case 'marketing_vas':
      return same(sign(marketing(request.values.services, locale)), category);
  }
}

function same(body: string, category: SmsCategory): RenderedSms {
  return { body, storedBody: body, category };
}

/**
 * The answer to an SMS from the subscriber: a help-menu digit (full-width digits too) gets its
 * reply; anything else gets the menu again.
 */
export function replyToInbound(text: string): SmsRequest {
  const normalised = text.normalize('NFKC').trim();
  const digit = helpDigits.find((candidate) => candidate === normalised);
  return digit ? { template: 'help_reply', values: { digit } } : { template: 'help_menu', values: {} };
}
