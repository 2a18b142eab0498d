// Longer than ~250 lines on purpose: it is the plan's content as data, the one place the workflow, the
// activities and the pages read.
import {
  followupVerificationItems,
  type CoachingItem,
  type FollowupVerificationItem,
  type PlanTerms,
} from './vocabulary';
import { listInWords, type Localized } from './localized';
import { overageRatesInWords, planAllowancesInWords, rate, yuan } from './plan-terms';
import type { TieredService } from './tiered-services';

/**
 * The content of the operator's induction-period service plan (入网导入期服务方案) as data: what the
 * clerk tells, recommends and coaches for each item of the onboarding checklist (五告知、二推荐、
 * 三辅导), the service guide handed out, the reminder when the person handling is not the final
 * customer, and what the follow-up call verifies. Pure: the workflow, the activities and the staff
 * pages read the same words. Where the plan names a category without its items (the 5 causes of
 * data surges, the 8 payment methods) the items are what China Unicom's customers know.
 */

/** The plan's three kinds of prescribed action: 告知 (tell), 推荐 (recommend), 辅导 (coach). */
export type PlanAction = 'inform' | 'recommend' | 'coach';

/**
 * Whom the plan aims an item at: every new customer, customers whose new number replaces an old one
 * (换号入网; a port-in keeps its number), VIPs.
 */
export type Audience = 'every_customer' | 'number_change' | 'vip';

/** One thing to tell or do, with a code stable across languages (a list key, a test's handle). */
export interface Point {
  code: string;
  text: Localized;
}

export interface ChecklistItemContent {
  action: PlanAction;
  audience: Audience;
  /** The service guide covers it: the clerk hands the guide over and points to its page. */
  inServiceGuide: boolean;
  /** What to tell or do, in the order to cover it. */
  points: readonly Point[];
}

const point = (code: string, zh: string, en: string): Point => ({ code, text: { 'zh-CN': zh, en } });

/** The handbook every new customer receives (发放3G客户常用服务指南): the plan's first way of telling. */
export const serviceGuide = {
  title: { 'zh-CN': '《3G客户常用服务指南》', en: 'the 3G Customer Service Guide' },
  handOut: point(
    'hand_out_service_guide',
    '发放《3G客户常用服务指南》，提醒客户阅读手册，了解常用服务信息。',
    'Hand over the 3G Customer Service Guide and ask the customer to read it: it holds the everyday service information.',
  ),
} as const;

/** Said when the person at the counter is not the one who will use the number (办理人不是最终客户). */
export const finalCustomerReminder = point(
  'remind_final_customer',
  '如果当前办理人不是最终客户，务必提醒其通知最终客户认真阅读入网协议和套餐宣传单页。',
  'If the person handling the activation is not the final customer, make sure they tell the final customer to read the service agreement and the plan leaflet carefully.',
);

/** The 8 ways to pay (8种缴费方式); the plan asks to steer customers to electronic self-service. */
export const paymentMethods: readonly (Point & { name: Localized; selfService: boolean })[] = [
  {
    ...point(
      'store',
      '营业厅缴费：到中国联通营业厅或合作代办网点用现金或银行卡缴费。',
      'At a store: cash or bank card at any China Unicom store or partner outlet.',
    ),
    name: { 'zh-CN': '营业厅', en: 'at a store' },
    selfService: false,
  },
  {
    ...point(
      'top_up_card',
      '充值卡：购买中国联通充值卡，拨打10011按提示充值。',
      'Top-up card: buy a China Unicom top-up card and call 10011 to add it.',
    ),
    name: { 'zh-CN': '充值卡', en: 'with a top-up card' },
    selfService: false,
  },
  {
    ...point(
      'online',
      '网上营业厅：登录www.10010.com，用银行卡在线缴费。',
      'Online: sign in at www.10010.com and pay with a bank card.',
    ),
    name: { 'zh-CN': '网上营业厅', en: 'online at www.10010.com' },
    selfService: true,
  },
  {
    ...point('mobile_app', '手机营业厅：在手机营业厅客户端中在线缴费。', 'In the China Unicom app on the phone.'),
    name: { 'zh-CN': '手机营业厅', en: 'in the China Unicom app' },
    selfService: true,
  },
  {
    ...point(
      'bank_debit',
      '银行托收：与银行签约后，每月自动从银行账户扣缴话费。',
      'Bank debit: sign up once with the bank and each bill is paid from the account.',
    ),
    name: { 'zh-CN': '银行托收', en: 'by bank debit' },
    selfService: true,
  },
  {
    ...point(
      'bank_counter',
      '银行代收：在合作银行的柜台、网上银行或ATM缴费。',
      'At a partner bank: at the counter, in online banking or at an ATM.',
    ),
    name: { 'zh-CN': '银行代收', en: 'at a partner bank' },
    selfService: false,
  },
  {
    ...point(
      'kiosk',
      '自助缴费终端：营业厅和社区的自助缴费机，支持现金和银行卡。',
      'Self-service kiosk: in stores and neighbourhoods, cash or bank card.',
    ),
    name: { 'zh-CN': '自助缴费终端', en: 'at a self-service kiosk' },
    selfService: true,
  },
  {
    ...point(
      'payment_app',
      '第三方支付：通过支付宝、拉卡拉等平台缴费。',
      'Payment apps and agents such as Alipay and Lakala.',
    ),
    name: { 'zh-CN': '支付宝等第三方支付', en: 'with Alipay and similar apps' },
    selfService: true,
  },
];

/** The 5 situations in which a smartphone's data use surges (可能造成流量突增的5种情况). */
export const dataSurgeCauses: readonly Point[] = [
  point(
    'background_apps',
    '后台程序自动联网：微博、QQ、天气、股票等软件在后台自动刷新、推送消息。',
    'Apps online in the background: Weibo, QQ, weather and stock apps refreshing and pushing messages.',
  ),
  point(
    'automatic_updates',
    '软件和系统自动更新：应用商店自动升级软件、手机系统在线升级，一次可达几十MB。',
    'Automatic updates: the app store updating apps and the phone updating its system, often tens of MB at a time.',
  ),
  point(
    'streaming',
    '在线视频、音乐和网络游戏：在线看视频、听歌、玩网络游戏用流量最快。',
    'Streaming video, music and online games: the fastest way to use up data.',
  ),
  point(
    'wlan_dropout',
    'WLAN断开后自动切换：无线局域网断开时，手机自动改用3G网络继续下载或播放。',
    'Wi-Fi dropping out: the phone carries on downloading or playing over 3G without telling you.',
  ),
  point(
    'tethering',
    '共享上网：把手机设为无线热点，或用数据线给电脑、平板上网。',
    'Sharing the connection: using the phone as a hotspot, or tethering a computer or tablet.',
  ),
];

/** The 四会 standard of internet coaching: the customer can do each of these before leaving. */
export const fourSkills: readonly Point[] = [
  point('send_sms', '会发短信', 'send a text message'),
  point('save_contacts', '会存通讯录', 'save a contact'),
  point('browse', '会上网', 'browse the internet'),
  point('install_apps', '会下载软件', 'download and install an app'),
];

// The items live with the vocabulary: the workflow's outcome schema needs them, and importing this
// module from workflow code would bundle all of the plan's content into every cached journey.
export { followupVerificationItems, type FollowupVerificationItem };

export const followupVerificationLabels: Record<FollowupVerificationItem, Localized> = {
  name: { 'zh-CN': '使用者姓名', en: "user's name" },
  id_number: { 'zh-CN': '身份证号码', en: 'ID card number' },
  contact_phone: { 'zh-CN': '联系电话', en: 'contact phone number' },
  mailing_address: { 'zh-CN': '通信地址', en: 'mailing address' },
};

const labels = (locale: 'zh-CN' | 'en') =>
  followupVerificationItems.map((item) => followupVerificationLabels[item][locale]);

/** What the follow-up agent says before anything else. */
export const followupVerification = point(
  'verify_basic_information',
  `入网基本信息核实：确认${listInWords(labels('zh-CN'), 'zh-CN')}等信息（身份证号码核对后四位），有误的按客户所述当场更正。`,
  `Confirm the details given at activation: the ${listInWords(labels('en'), 'en')} (the last four characters of the ID number); correct any that is wrong as the customer gives it.`,
);

/**
 * How the plan says to handle each kind of question raised on the follow-up call (回访问题处理方法),
 * by the issue category the call records it in.
 */
export const followupIssueGuidance = {
  tariff: point(
    'tariff',
    '资费类：详细介绍资费，让客户明白消费；必要时查询客户话费结构，适时向客户推荐更适合的套餐，并协助客户办理。',
    'Tariff: explain the rates in full so the customer understands what they pay for; where needed look at how their charges add up, recommend a plan that suits them better, and help them change.',
  ),
  signal: point(
    'signal',
    '信号类：登记具体地址，告知客户会转给相关部门进行优化，并感谢客户的反馈；问题经后台流程转相关部门，并跟踪解决情况。',
    'Signal: record the exact address, tell the customer it goes to the department that improves coverage, and thank them; the ticket goes to that department and is followed until solved.',
  ),
  billing: point(
    'billing',
    '账单类：为客户解释账单项目（套餐月费、套餐外通话费、流量费、短信费、增值业务费等）；告知客户通过网上营业厅（www.10010.com）、手机营业厅或营业厅等方式均可获取账单。',
    'Billing: explain the items of the bill (the monthly fee, calls, data and SMS beyond the plan, value-added services); tell the customer the bill is available online at www.10010.com, in the China Unicom app, at a store and through the other channels.',
  ),
  promotion: point(
    'promotion',
    '促销政策类：对已有的促销政策，查询到准确口径后向客户答复；对尚未推出的促销政策，单独记录，并告知客户一旦推出会及时告知。',
    'Promotion: for an offer already running, answer once you have its exact terms; one not yet launched is recorded on its own, and the customer is told they will hear as soon as it launches.',
  ),
  other: point(
    'other',
    '其它类：执行“首问负责制”，能当场答复的当场答复；无法当场答复的，给客户明确的答复时限。',
    'Other: the first-responsibility rule: answer at once where you can; otherwise give the customer a definite time for the answer.',
  ),
} as const;

const allPaymentMethods = (locale: 'zh-CN' | 'en') =>
  listInWords(
    paymentMethods.map((method) => method.name[locale]),
    locale,
    'or',
  );

const item = (action: PlanAction, audience: Audience, points: Point[]): ChecklistItemContent => ({
  action,
  audience,
  inServiceGuide: false,
  points,
});

/** An item the service guide covers: every customer is told it, the guide handed over first. */
const coveredByServiceGuide = (points: Point[]): ChecklistItemContent => ({
  action: 'inform',
  audience: 'every_customer',
  inServiceGuide: true,
  points: [serviceGuide.handOut, ...points],
});

/** Every checklist item of onboarding coaching (入网辅导时刻, day 0–3), with the plan's points. */
export const checklistContent: { readonly [Item in CoachingItem]: ChecklistItemContent } = {
  plan_tariff: item('inform', 'every_customer', [
    point(
      'ask_first',
      '主动询问客户是否已掌握套餐资费，不清楚的对照入网协议或套餐宣传单页逐项讲解。',
      'Ask whether the customer already knows the plan and its rates; if not, go through the agreement or the plan leaflet line by line.',
    ),
    point(
      'plan_name',
      '套餐名称：客户选择的套餐及月费。',
      "The plan's name: the plan the customer chose and its monthly fee.",
    ),
    point(
      'plan_contents',
      '套餐构成：每月包含的国内通话分钟数、数据流量、短信、彩信。',
      'What it includes each month: domestic call minutes, data, SMS and MMS.',
    ),
    point(
      'main_rates',
      '主要资费标准：套餐内外的通话费、短信费、流量费。',
      'The main rates: calls, SMS and data, inside the plan and beyond it.',
    ),
    point(
      'free_items',
      '套餐内免费项目：赠送来电显示和6元手机邮箱，全国接听免费。',
      'What is free: caller ID and the 6-yuan mobile mailbox are included, and incoming calls are free nationwide.',
    ),
  ]),
  contract_terms: item('inform', 'every_customer', [
    point(
      'minimum_term',
      '在网时长要求：合约期内须保持在网，不能销户、过户，提前离网按协议承担违约责任。',
      'Minimum term: the number stays connected for the contract period, with no cancelling or transfer; leaving early costs what the agreement says.',
    ),
    point(
      'special_number',
      '靓号规则：选用靓号须按协议承诺每月最低消费和在网期限，期内不能降低最低消费。',
      'Special numbers: a chosen "lucky" number carries a monthly minimum spend and a minimum term; the minimum cannot be lowered during the term.',
    ),
    point(
      'contract_offer',
      '合约计划优惠政策：所办合约计划（如预存话费送手机）的优惠内容、生效时间和享受条件。',
      'The contract offer: what the contract plan gives (e.g. a phone for prepaid credit), from when, and on what conditions.',
    ),
    point(
      'prepayment_return',
      '预存款返还规则及每月还需交纳的话费：预存款按月返还，月费高于返还额的部分每月另行交纳。例如预存950元、每月返还39元，选A计划66元档，每月还需交纳27元。',
      'How the prepayment comes back and what is still paid each month: it is returned in monthly instalments, and the fee above the instalment is paid on top. E.g. 950 yuan prepaid, 39 yuan returned a month, plan A at 66 yuan: 27 yuan a month to pay.',
    ),
    point(
      'data_cap',
      '流量封顶限制：当月国内流量费达到协议约定的封顶额后，当月暂停手机上网，次月1日自动恢复。',
      "Data cap: once the month's domestic data charges reach the cap in the agreement, mobile internet stops until the 1st of next month.",
    ),
    point(
      'first_month_tariff',
      '首月资费标准选择：入网当月可选全月套餐、套餐减半或按套餐外资费计费，确认客户的选择。',
      'First month: for the month of joining the customer chooses the full plan, half the plan (half the fee and allowances) or paying at the rates beyond the plan; confirm the choice.',
    ),
    point(
      'initial_password',
      '初始密码及作用：初始服务密码以短信发送，用于查询详单、自助办理业务和挂失，请客户尽快修改并妥善保管。',
      'The initial password: it comes by SMS and is needed for itemised bills, self-service and reporting a lost phone; the customer should change it soon and keep it safe.',
    ),
  ]),
  service_channels: coveredByServiceGuide([
    point(
      'online_hall',
      '网上营业厅（www.10010.com）和手机营业厅：查询话费、详单和积分，缴费，办理或取消业务，修改密码。',
      'Online at www.10010.com and in the China Unicom app: balance, itemised bills and points, paying, adding or cancelling services, changing the password.',
    ),
    point(
      'sms_hall',
      '短信营业厅：编辑短信发送到10010，查询话费、流量，订购或退订业务。',
      'By SMS: text 10010 to check the balance or data, or to add or cancel a service.',
    ),
    point(
      'hotline',
      '客服热线10010：24小时自助查询、咨询和投诉，按0转人工服务。',
      'The 10010 hotline: self-service, questions and complaints around the clock; press 0 for an agent.',
    ),
    point(
      'stores',
      '营业厅：入网、补换卡、过户、销户等需本人证件的业务，以及缴费和手机使用咨询。',
      'Stores: anything that needs the customer in person with ID (joining, SIM replacement, transfer, cancellation), paying, and help with the phone.',
    ),
  ]),
  billing_payment: coveredByServiceGuide([
    point(
      'check_charges',
      '查费：编辑短信CXHF发送到10010查话费，CXLL查流量；也可拨打10010，或登录网上营业厅、手机营业厅查询话费和详单。',
      'Checking charges: text CXHF to 10010 for the balance and CXLL for data used; or call 10010, or look up the balance and itemised bill online or in the app.',
    ),
    point(
      'deduction',
      '扣费：预付费客户的话费从账户余额中实时扣除，余额不足时短信提醒，欠费将停机；后付费客户按月出账，在缴费期限内缴清。',
      'How charges are taken: prepaid charges come off the balance as they arise, with an SMS when it runs low and suspension when it runs out; postpaid customers get a monthly bill to pay by its due date.',
    ),
    point(
      'payment_methods',
      `8种缴费方式：${allPaymentMethods('zh-CN')}。`,
      `8 ways to pay: ${allPaymentMethods('en')}.`,
    ),
    point(
      'prefer_self_service',
      '引导客户使用网上营业厅、手机营业厅、银行托收等电子自助缴费方式。',
      'Steer the customer to paying online, in the app or by bank debit.',
    ),
  ]),
  data_usage_notes: coveredByServiceGuide([
    point(
      'surge_causes',
      '提醒客户阅读使用智能手机时可能造成流量突增的5种情况：',
      'Point out the 5 situations in which a smartphone uses data fast:',
    ),
    ...dataSurgeCauses,
    point(
      'keep_control',
      '建议关闭不需要的后台联网和自动更新，大文件在WLAN下下载，随时编辑短信CXLL发送到10010查询已用流量。',
      'Suggest turning off background data and automatic updates the customer does not need, downloading large files over Wi-Fi, and texting CXLL to 10010 to check the data used.',
    ),
    point(
      'one_gigabyte',
      '1G流量怎么用：约可浏览普通网页1万页，或下载约250首歌曲（每首约4MB），或在线观看标清视频约3小时。',
      'What 1 GB buys: about 10,000 ordinary web pages, or about 250 songs at 4 MB each, or about 3 hours of standard-definition video.',
    ),
  ]),
  club_recommendation: item('recommend', 'every_customer', [
    point(
      'club_services',
      '推荐3G俱乐部：免费提供手机激活、电话号码转存、软件安装、3G课堂等3G手机使用和业务辅导。',
      'Recommend the 3G Club: free help with activating the phone, moving contacts, installing apps, and 3G classes.',
    ),
    point(
      'visit_club',
      '业务办理完毕后，引导客户到3G俱乐部实体服务场所体验软件下载、应用辅导等服务。',
      'Once the paperwork is done, take the customer to the 3G Club corner to try app downloads and coaching.',
    ),
    point(
      'sub_clubs',
      '根据当地俱乐部开展情况，推荐客户加入影迷俱乐部、音乐俱乐部等特色子俱乐部。',
      'Where they run locally, suggest the Film Club, the Music Club and the other special-interest clubs.',
    ),
    point(
      'club_activities',
      '告知近期本地客户俱乐部活动计划，邀请客户参加。',
      "Tell the customer about the local club's coming activities and invite them.",
    ),
  ]),
  internet_setup: item('coach', 'every_customer', [
    point(
      'settings',
      '设置正确的手机上网参数（接入点APN：3gnet），可借助中国联通WCDMA终端管理平台完成主流终端的参数设置。',
      "Set the phone's internet settings (access point, APN: 3gnet); China Unicom's WCDMA terminal management platform has them for the main phones.",
    ),
    point(
      'menu_or_browser',
      '教会客户通过菜单或浏览器上网。',
      "Show the customer how to get online from the phone's menu or the browser.",
    ),
    point(
      'four_skills',
      `主流智能手机使用辅导，达到“四会”标准：${listInWords(
        fourSkills.map((skill) => skill.text['zh-CN']),
        'zh-CN',
      )}。`,
      `Smartphone coaching to the "four skills" standard: the customer can ${listInWords(
        fourSkills.map((skill) => skill.text.en),
        'en',
      )}.`,
    ),
    point(
      'free_apps',
      '根据客户需求和手机操作系统，免费安装一定数量的软件（如微博、QQ、同花顺等）。',
      "Install a few apps free of charge to suit the customer and the phone's system (e.g. Weibo, QQ, Tonghuashun).",
    ),
    point(
      'one_app_one_game',
      '至少教会客户使用一个软件、会玩一个游戏。',
      'Make sure the customer can use at least one app and play one game.',
    ),
  ]),
  number_change_coaching: item('coach', 'number_change', [
    point(
      'number_change_notice',
      '客户换了新号码入网：辅导其使用换号通知，让亲友知道新号码。',
      'The customer has changed to a new number: help them use number-change notices so friends and family learn it.',
    ),
    point(
      'voice_notice',
      '语音通知：协助设置换号语音通知，亲友拨打旧号码时可听到新号码的语音提示。',
      'Voice notice: set up the recorded message that tells callers to the old number the new one.',
    ),
    point(
      'bulk_sms',
      '群发变更短信：协助客户给通讯录中的联系人群发短信，告知新号码。',
      'Group SMS: help the customer text everyone in their contacts with the new number.',
    ),
  ]),
  tier_rights: item('inform', 'vip', [
    point(
      'tier',
      '客户经系统评定为VIP后，主动告知客户的会员级别及可享受的分级服务内容。',
      'Once the system rates the customer a VIP, tell them their tier and the tiered services it brings.',
    ),
    point(
      'account_manager',
      '专属客户经理：评定后3天内分配客户经理，客户经理在分配后7天内首次联系，提供“一对一”服务。',
      'A dedicated account manager: assigned within 3 days of the rating, who calls within 7 days and serves the customer one to one.',
    ),
  ]),
};

/**
 * The points of one checklist item for one subscriber: the plan's tariff with the plan's own
 * figures, the tier's rights with the tier's services; every other item as the plan words it.
 */
export function checklistPoints(
  item: CoachingItem,
  subscriber: { plan?: PlanTerms; tierRights?: readonly Pick<TieredService, 'code' | 'name' | 'detail'>[] } = {},
): Point[] {
  const points = [...checklistContent[item].points];
  const { plan, tierRights } = subscriber;
  if (item === 'plan_tariff' && plan) {
    const fee = yuan(plan.monthlyFee);
    return points.map((generic) => {
      switch (generic.code) {
        case 'plan_name':
          return point(
            generic.code,
            `套餐名称：${plan.name}，月费${fee}元。`,
            `The plan: ${plan.nameEn}, ${fee} yuan a month.`,
          );
        case 'plan_contents':
          return point(
            generic.code,
            `套餐构成：每月包含${planAllowancesInWords(plan, 'zh-CN')}。`,
            `Included each month: ${planAllowancesInWords(plan, 'en')}.`,
          );
        case 'main_rates':
          return point(
            generic.code,
            `套餐外资费：${overageRatesInWords(plan, 'zh-CN')}，国内短信${rate(plan.smsOverage)}元/条，其他业务按标准资费。`,
            `Beyond the plan: ${overageRatesInWords(plan, 'en')}, domestic SMS ${rate(plan.smsOverage)} yuan each; other services at standard rates.`,
          );
        default:
          return generic;
      }
    });
  }
  if (item === 'tier_rights' && tierRights) {
    const services = tierRights.map((right) =>
      point(right.code, `${right.name['zh-CN']}：${right.detail['zh-CN']}`, `${right.name.en}: ${right.detail.en}`),
    );
    return [...points, ...services];
  }
  return points;
}
