import { BUSINESS_TIME_ZONE } from './calendar';
import { listInWords, type Localized } from './localized';
import { rate, yuan } from './plan-terms';
import { paymentMethods } from './service-plan';
import type { Locale, PlanTerms } from './vocabulary';

/**
 * Every SMS of the journey, in Simplified Chinese and English saying the same. The welcome and
 * password SMS are the province's mandated texts (the plan's 四.1), word for word with their
 * placeholders filled (docs/plan.md#automatic-sms-at-activation). Pure: the SMS activity renders
 * them, `docs/sms.md` lists them rendered.
 */

/** An SMS the journey asks for. The password SMS names its sealed secret, never the password. */
export type SmsRequest =
  | { template: 'welcome'; values: { plan: PlanTerms } }
  | { template: 'initial_password'; values: { secretId: string } }
  | { template: 'help_menu'; values: Record<string, never> }
  | { template: 'help_reply'; values: { digit: HelpDigit; store: StoreName } }
  | { template: 'payment_reminder'; values: { dueAt: string } }
  | { template: 'marketing_vas'; values: { services: { name: string; nameEn: string; monthlyFee: number }[] } }
  | { template: 'unsubscribe_confirmed'; values: Record<string, never> }
  | {
      template: 'promotion_launched';
      values: { promotion: { code: string; name: Localized; description: Localized } };
    };

export type SmsTemplate = SmsRequest['template'];

/** The store where the subscriber joined, as its sign and the help reply name it. */
export interface StoreName {
  name: string;
  nameEn: string;
}
export type SmsCategory = 'service' | 'marketing';

/** The category of each template: DND and quiet hours hold back marketing, never service messages. */
export const smsCategories: Record<SmsTemplate, SmsCategory> = {
  welcome: 'service',
  initial_password: 'service',
  help_menu: 'service',
  help_reply: 'service',
  payment_reminder: 'service',
  marketing_vas: 'marketing',
  // Confirms the customer's own request: it goes whatever the DND.
  unsubscribe_confirmed: 'service',
  // The customer asked to be told when the offer launches (a promise of the follow-up call).
  promotion_launched: 'service',
};

export const helpDigits = ['1', '2', '3', '4', '5', '6'] as const;
export type HelpDigit = (typeof helpDigits)[number];

const signature: Record<Locale, string> = { 'zh-CN': '【中国联通】', en: '[China Unicom] ' };

const helpMenu: Record<Locale, string> = {
  'zh-CN':
    '获取帮助请回复数字：1、忘记密码怎么办；2、如何开通手机上网；3、如何查询话费和流量；4、如何缴费；5、3G俱乐部在哪里；6、如何转人工服务。',
  en: 'For help, reply with a number: 1 Forgot your password; 2 Setting up mobile internet; 3 Checking your balance and data; 4 How to pay; 5 Where to find the 3G Club; 6 Talking to an agent.',
};

const paymentMethodNames = (locale: Locale) =>
  listInWords(
    paymentMethods.map((method) => method.name[locale]),
    locale,
    'or',
  );

const helpReplies: Record<HelpDigit, (store: StoreName) => Record<Locale, string>> = {
  '1': () => ({
    'zh-CN': '忘记服务密码：请本人携带有效身份证件到任一中国联通营业厅重置，或拨打10010按语音提示验证身份后重置。',
    en: 'Forgot your service password? Bring your ID to any China Unicom store, or call 10010 and follow the prompts to verify your identity and reset it.',
  }),
  '2': () => ({
    'zh-CN':
      '开通手机上网：您的3G套餐已含手机上网功能。如无法上网，请在手机“设置-移动网络”中将接入点（APN）设为3gnet；需要帮助可到3G俱乐部免费辅导。',
    en: 'Mobile internet: your 3G plan includes data. If you cannot get online, set the access point (APN) to 3gnet under Settings > Mobile network; the 3G Club will help you for free.',
  }),
  '3': () => ({
    'zh-CN':
      '查询话费和流量：编辑短信CXHF发送到10010查询话费，编辑短信CXLL发送到10010查询流量；也可拨打10010，或登录网上营业厅、手机营业厅查询。',
    en: 'Balance and data: text CXHF to 10010 for your balance or CXLL for the data you have used; or call 10010, or sign in at www.10010.com or in the China Unicom app.',
  }),
  '4': () => ({
    'zh-CN': `缴费方式：${paymentMethodNames('zh-CN')}均可缴费，推荐使用网上营业厅、手机营业厅或银行托收自助缴费。请按时缴费，以免停机。`,
    en: `How to pay: ${paymentMethodNames('en')}. Paying online, in the app or by bank debit is quickest; please pay on time to avoid suspension.`,
  }),
  '5': (store) => ({
    'zh-CN': `3G俱乐部：您入网的${store.name}设有3G俱乐部体验区，免费提供手机激活、电话号码转存、软件安装、3G课堂等服务，欢迎前往体验。`,
    en: `3G Club: the ${store.nameEn} where you joined has a 3G Club corner. It helps for free with activating your phone, moving your contacts, installing apps, and 3G classes: come and try it.`,
  }),
  '6': () => ({
    'zh-CN': '人工服务：请拨打客服热线10010，按0转人工服务。',
    en: 'To talk to an agent, call 10010 and press 0.',
  }),
};

function formatDate(iso: string, locale: Locale): string {
  const format = locale === 'zh-CN' ? 'zh-CN' : 'en-GB';
  return new Intl.DateTimeFormat(format, {
    timeZone: BUSINESS_TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(iso));
}

/**
 * The allowances of the mandated welcome text, each with the separator the text puts after it; one
 * the plan does not have is left out with its separator (no "0条国内点对点彩信").
 */
function welcomeAllowances(plan: PlanTerms, locale: Locale): string {
  const clauses: [number, string][] =
    locale === 'zh-CN'
      ? [
          [plan.voiceMinutes, `${plan.voiceMinutes}分钟国内语音通话时长、`],
          [plan.dataMB, `${plan.dataMB}MB移动数据流量费，`],
          [plan.sms, `${plan.sms}条国内点对点短信、`],
          [plan.mms, `${plan.mms}条国内点对点彩信、`],
        ]
      : [
          [plan.voiceMinutes, `${plan.voiceMinutes} minutes of domestic calls, `],
          [plan.dataMB, `${plan.dataMB} MB of mobile data, `],
          [plan.sms, `${plan.sms} domestic SMS, `],
          [plan.mms, `${plan.mms} domestic MMS, `],
        ];
  return clauses
    .filter(([amount]) => amount > 0)
    .map(([, clause]) => clause)
    .join('');
}

/**
 * The plan's family as the mandated text's "您所使用的是*套餐" names it (A计划套餐): the fee follows in
 * "即每月套餐月费为*元", so the plan's full name (3G基本套餐A计划66元) would say the fee twice.
 */
function planFamily(plan: PlanTerms, locale: Locale): string {
  return locale === 'zh-CN' ? `${plan.family}计划` : `Plan ${plan.family}`;
}

/** The province's mandated welcome text (the plan's 四.1.(1)), its placeholders filled from the plan. */
function welcome(plan: PlanTerms, locale: Locale): string {
  const fee = yuan(plan.monthlyFee);
  const allowances = welcomeAllowances(plan, locale);
  const [voice, data] = [rate(plan.voiceOveragePerMin), rate(plan.dataOveragePerKB)];
  if (locale === 'en') {
    return (
      `Dear customer, welcome to China Unicom 3G. Your plan is ${planFamily(plan, locale)}, that is, a monthly plan fee of ${fee} yuan, ` +
      `which includes ${allowances}caller ID and the 6-yuan mobile mailbox free of charge, and incoming calls are free nationwide. ` +
      `Beyond the plan, domestic calls are ${voice} yuan a minute and domestic data only ${data} yuan/KB; ` +
      `other services are at standard rates ("domestic" always excludes Hong Kong, Macao and Taiwan).`
    );
  }
  return (
    `尊敬的客户，欢迎使用联通3G业务，您所使用的是${planFamily(plan, locale)}套餐，即每月套餐月费为${fee}元，` +
    `其中包括${allowances}赠送来电显示业务及6元手机邮箱业务，全国范围内接听电话均免费；` +
    `如果超出套餐包部分，国内语音通话费拨打${voice}元/分钟、国内流量仅收取${data}元/KB，其他业务执行标准资费（国内均不含港澳台）。`
  );
}

/**
 * The province's mandated password text (the plan's 四.1.(2)): its "WWW网站" is the operator's
 * website, and its 登陆 (a common misspelling) is written 登录.
 */
function password(secret: string, locale: Locale): string {
  return locale === 'en'
    ? `Your initial service password is ${secret}. With it you can use self-service; please keep it safe. To keep your personal information secure, please change it soon by calling 10010 or signing in at the www.10010.com website.`
    : `您的初始服务密码为${secret}，凭密码可自助办理业务，请妥善保管，为确保您的私人信息安全，请尽快拨打10010或登录www.10010.com网站进行修改。`;
}

function paymentReminder(dueAt: string, locale: Locale): string {
  const date = formatDate(dueAt, locale);
  return locale === 'en'
    ? `Dear customer, please pay your first bill by ${date} to avoid suspension of service: online at www.10010.com, in the China Unicom app, by bank debit or at any China Unicom store. Questions: call your account manager or 10010.`
    : `尊敬的客户，您的首月话费请于${date}前缴清，以免停机影响使用。可通过网上营业厅、手机营业厅、银行托收缴费，或到中国联通营业厅缴费。如有疑问，请联系您的客户经理或拨打10010。`;
}

function marketing(services: { name: string; nameEn: string; monthlyFee: number }[], locale: Locale): string {
  if (locale === 'en') {
    const list = services.map((service) => `${service.nameEn} (${yuan(service.monthlyFee)} yuan/month)`);
    return `Dear customer, picked for the way you use your phone: ${listInWords(list, 'en')}. To add one, reply with its name or call 10010; reply TD to stop these messages.`;
  }
  const list = services.map((service) => `${service.name}（${yuan(service.monthlyFee)}元/月）`);
  return `尊敬的客户，根据您的使用习惯，为您推荐：${listInWords(list, 'zh-CN')}。如需办理，请回复业务名称或拨打10010；回复TD退订。`;
}

/**
 * What TD stops, and no more (docs/journey.md#do-not-disturb): the texts and telemarketing calls
 * recommending services. Service texts go on, and a VIP's account manager still calls.
 */
function unsubscribeConfirmed(locale: Locale): string {
  return locale === 'en'
    ? 'You have stopped service recommendations: we will no longer text you or call you to recommend services. Service texts such as payment reminders still come, and if you are a VIP customer, your account manager still calls to serve you. To receive recommendations again, call 10010.'
    : '您已退订业务推荐：我们将不再给您发送短信或致电向您推荐业务。缴费提醒等服务短信仍会照常发送；如您是VIP客户，客户经理仍会致电为您服务。如需恢复业务推荐，请拨打10010。';
}

function promotionLaunched(promotion: { name: Localized; description: Localized }, locale: Locale): string {
  return locale === 'en'
    ? `Dear customer, the offer you asked about has launched: ${promotion.name.en}. ${promotion.description.en} To join, call 10010 or visit a China Unicom store.`
    : `尊敬的客户，您咨询的优惠活动“${promotion.name['zh-CN']}”现已推出：${promotion.description['zh-CN']}欢迎拨打10010或到中国联通营业厅办理。`;
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
      return same(sign(helpReplies[request.values.digit](request.values.store)[locale]), category);
    case 'payment_reminder':
      return same(sign(paymentReminder(request.values.dueAt, locale)), category);
    case 'marketing_vas':
      return same(sign(marketing(request.values.services, locale)), category);
    case 'unsubscribe_confirmed':
      return same(sign(unsubscribeConfirmed(locale)), category);
    case 'promotion_launched':
      return same(sign(promotionLaunched(request.values.promotion, locale)), category);
  }
}

function same(body: string, category: SmsCategory): RenderedSms {
  return { body, storedBody: body, category };
}

/**
 * The answer to an SMS from the subscriber: a help-menu digit (full-width digits too) gets its
 * reply, which may name the store where they joined; anything else gets the menu again.
 */
export function replyToInbound(text: string, store: StoreName): SmsRequest {
  const normalised = text.normalize('NFKC').trim();
  const digit = helpDigits.find((candidate) => candidate === normalised);
  return digit ? { template: 'help_reply', values: { digit, store } } : { template: 'help_menu', values: {} };
}
