// Longer than ~250 lines on purpose: it is data (the catalogs the operator maintains), not logic.
import type { ClubActivity, ClubService, ClubServiceLevel, Club, PhoneSystem } from '../domain/club';
import type { Localized } from '../domain/localized';
import type { Promotion } from '../domain/promotions';
import type { TieredService, VipTier } from '../domain/tiered-services';

/**
 * The seed of the product: the operator's plan catalog (3G basic plans A/B/C, levels by monthly fee
 * step as the plan-fit rule needs), the value-added-service catalog, stores of two regions, the 3G
 * Club's service levels and work-order services, tiered services per VIP tier, club activities and
 * promotions; and, for development only, demo staff for every role (their password is given to the
 * seed, never fixed here). Where the operator's plan is silent the content is what a Shandong branch
 * would offer.
 */

const feeSteps = [46, 66, 96, 126, 156, 186] as const;

/** Per family: minutes, MB, SMS, MMS for each fee step (A data-leaning, B voice-leaning, C balanced). */
const families = {
  A: {
    label: '3G基本套餐A计划',
    labelEn: '3G Basic Plan A',
    minutes: [50, 50, 240, 320, 420, 510],
    dataMB: [150, 300, 300, 400, 500, 650],
    sms: [10, 10, 15, 20, 25, 30],
    mms: [0, 6, 6, 10, 12, 15],
  },
  B: {
    label: '3G基本套餐B计划',
    labelEn: '3G Basic Plan B',
    minutes: [120, 200, 450, 680, 920, 1180],
    dataMB: [40, 60, 80, 100, 120, 150],
    sms: [10, 10, 15, 20, 25, 30],
    mms: [0, 6, 6, 10, 12, 15],
  },
  C: {
    label: '3G基本套餐C计划',
    labelEn: '3G Basic Plan C',
    minutes: [100, 140, 320, 420],
    dataMB: [80, 120, 200, 300],
    sms: [10, 10, 15, 20],
    mms: [0, 6, 6, 10],
  },
} as const;

export const plans = Object.entries(families).flatMap(([family, terms]) =>
  terms.minutes.map((voiceMinutes, index) => {
    const fee = feeSteps[index]!;
    return {
      code: `${family}${fee}`,
      name: `${terms.label}${fee}元`,
      nameEn: `${terms.labelEn} ${fee} yuan`,
      family,
      level: index + 1,
      monthlyFee: fee,
      voiceMinutes,
      dataMB: terms.dataMB[index]!,
      sms: terms.sms[index]!,
      mms: terms.mms[index]!,
      // The plan's standard overage rates (the welcome SMS quotes them): 0.15 yuan/min, 0.0003 yuan/KB, 0.1 yuan/SMS.
      voiceOveragePerMin: 0.15,
      dataOveragePerKB: 0.0003,
      smsOverage: 0.1,
    };
  }),
);

export const valueAddedServices = [
  {
    code: 'DATA_100MB',
    name: '3G流量包100MB',
    nameEn: '3G data pack 100 MB',
    category: 'data',
    monthlyFee: 10,
    profile: ['data_heavy'],
    description: '每月加送100MB国内流量',
  },
  {
    code: 'DATA_500MB',
    name: '3G流量包500MB',
    nameEn: '3G data pack 500 MB',
    category: 'data',
    monthlyFee: 30,
    profile: ['data_heavy', 'video'],
    description: '每月加送500MB国内流量',
  },
  {
    code: 'VOICE_100',
    name: '语音加油包100分钟',
    nameEn: 'Voice top-up 100 minutes',
    category: 'voice',
    monthlyFee: 15,
    profile: ['voice_heavy'],
    description: '每月加送100分钟国内通话',
  },
  {
    code: 'SMS_200',
    name: '短信包200条',
    nameEn: 'SMS pack 200',
    category: 'messaging',
    monthlyFee: 5,
    profile: ['sms_heavy'],
    description: '每月加送200条国内短信',
  },
  {
    code: 'FAMILY_NUMBERS',
    name: '亲情号码',
    nameEn: 'Family numbers',
    category: 'voice',
    monthlyFee: 5,
    profile: ['voice_heavy', 'family'],
    description: '3个亲情号码通话优惠',
  },
  {
    code: 'COLOR_RING',
    name: '炫铃',
    nameEn: 'Colour ring-back tone',
    category: 'entertainment',
    monthlyFee: 5,
    profile: ['music', 'light_user', 'new_user'],
    description: '个性化彩铃',
  },
  {
    code: 'WO_MUSIC',
    name: '沃音乐',
    nameEn: 'Wo Music',
    category: 'entertainment',
    monthlyFee: 8,
    profile: ['music', 'data_heavy'],
    description: '手机音乐畅听',
  },
  {
    code: 'MOBILE_VIDEO',
    name: '手机视频',
    nameEn: 'Mobile video',
    category: 'entertainment',
    monthlyFee: 10,
    profile: ['video', 'data_heavy'],
    description: '手机电视与视频点播',
  },
  {
    code: 'MOBILE_NEWS',
    name: '手机报',
    nameEn: 'Mobile newspaper',
    category: 'information',
    monthlyFee: 3,
    profile: ['light_user', 'new_user'],
    description: '每日新闻早晚报',
  },
  {
    code: 'WO_READ',
    name: '沃阅读',
    nameEn: 'Wo Reading',
    category: 'information',
    monthlyFee: 5,
    profile: ['reader', 'data_heavy'],
    description: '手机阅读海量图书',
  },
  {
    code: 'NAVIGATION',
    name: '手机导航',
    nameEn: 'Mobile navigation',
    category: 'lifestyle',
    monthlyFee: 8,
    profile: ['traveller', 'data_heavy'],
    description: '实时路况与语音导航',
  },
  {
    code: 'ROAMING',
    name: '国际漫游',
    nameEn: 'International roaming',
    category: 'lifestyle',
    monthlyFee: 0,
    profile: ['traveller'],
    description: '出境自动漫游',
  },
];

export const stores = [
  { id: 'JN001', name: '济南泉城路营业厅', nameEn: 'Jinan Quancheng Road store', region: 'jinan' },
  { id: 'JN002', name: '济南经十路营业厅', nameEn: 'Jinan Jingshi Road store', region: 'jinan' },
  { id: 'QD001', name: '青岛香港中路营业厅', nameEn: 'Qingdao Hong Kong Middle Road store', region: 'qingdao' },
];

/**
 * Stores whose hours differ from every store's (the `store` row the migration creates: 09:00–18:00,
 * every day but public holidays). Created once: a supervisor's later changes are kept.
 */
export const storeHours = [
  { calendar: 'store:JN002', opens: '09:00', closes: '18:00', closedWeekdays: [1] },
  { calendar: 'store:QD001', opens: '09:30', closes: '17:30', closedWeekdays: [7] },
];

/** The 3G Club's service levels (the plan: 标准版 5–10 min, 升级版 10–30 min, 专业版 30–60 min). */
export const clubServiceLevels = [
  {
    code: 'standard',
    name: { 'zh-CN': '标准版', en: 'Standard' },
    forCustomers: { 'zh-CN': '时间紧的客户', en: 'customers in a hurry' },
    minMinutes: 5,
    maxMinutes: 10,
  },
  {
    code: 'extended',
    name: { 'zh-CN': '升级版', en: 'Extended' },
    forCustomers: { 'zh-CN': '时间较宽裕的客户', en: 'customers with some time' },
    minMinutes: 10,
    maxMinutes: 30,
  },
  {
    code: 'professional',
    name: { 'zh-CN': '专业版', en: 'Professional' },
    forCustomers: { 'zh-CN': '有充足时间的客户', en: 'customers with time to spare' },
    minMinutes: 30,
    maxMinutes: 60,
  },
] as const satisfies readonly ClubServiceLevel[];

const appInstall = (code: string, phoneSystem: PhoneSystem, zh: string, en: string): ClubService => ({
  code,
  kind: 'app_install',
  phoneSystem,
  name: { 'zh-CN': `${zh}常用软件下载安装`, en: `${en} apps: download and set up` },
  description: {
    'zh-CN': `为${zh}手机下载安装常用软件（如微博、QQ、同花顺），并教会使用方法。`,
    en: `Download and install everyday apps on a ${en} phone (e.g. Weibo, QQ, Tonghuashun) and show how to use them.`,
  },
  typicalMinutes: 10,
});

const joinClub = (code: string, club: Club, zh: string, en: string, minutes: number): ClubService => ({
  code,
  kind: 'join_club',
  club,
  name: { 'zh-CN': `加入${zh}`, en: `Join the ${en}` },
  description: {
    'zh-CN': `办理加入${zh}的手续，介绍服务内容和近期活动。`,
    en: `Sign the customer up for the ${en} and tell them what it offers and what is coming up.`,
  },
  typicalMinutes: minutes,
});

/** The club work order's services, in the order the form lists them. */
export const clubServices: readonly ClubService[] = [
  {
    code: 'PHONE_ACTIVATION',
    kind: 'phone_activation',
    name: { 'zh-CN': '手机激活', en: 'Phone activation' },
    description: {
      'zh-CN': '插卡开机，完成新手机的激活和基本设置（日期时间、铃声、屏幕锁）。',
      en: 'Insert the SIM, switch on, and finish activating the new phone and its basic settings (date and time, ringtone, screen lock).',
    },
    typicalMinutes: 5,
  },
  appInstall('APP_IOS', 'ios', 'iPhone', 'iPhone'),
  appInstall('APP_ANDROID', 'android', 'Android（安卓）', 'Android'),
  appInstall('APP_SYMBIAN', 'symbian', 'Symbian（塞班）', 'Symbian'),
  appInstall('APP_WINDOWS_MOBILE', 'windows_mobile', 'Windows Mobile', 'Windows Mobile'),
  {
    code: 'CONTACTS_TRANSFER',
    kind: 'contacts_transfer',
    name: { 'zh-CN': '电话号码转存', en: 'Moving contacts' },
    description: {
      'zh-CN': '把旧手机或SIM卡里的电话号码转存到新手机。',
      en: 'Copy the contacts from the old phone or SIM card to the new phone.',
    },
    typicalMinutes: 5,
  },
  {
    code: 'USAGE_COACHING',
    kind: 'usage_coaching',
    name: { 'zh-CN': '3G手机使用辅导', en: '3G phone coaching' },
    description: {
      'zh-CN': '一对一辅导智能手机和3G业务的使用，达到“四会”：会发短信、会存通讯录、会上网、会下载软件。',
      en: 'One-to-one coaching on the smartphone and 3G services to the "four skills": texting, saving contacts, browsing, installing apps.',
    },
    typicalMinutes: 15,
  },
  {
    code: 'CLASSROOM',
    kind: 'usage_coaching',
    name: { 'zh-CN': '3G课堂', en: '3G class' },
    description: {
      'zh-CN': '报名参加俱乐部定期开设的3G课堂，集中学习3G业务和智能手机使用。',
      en: "Book a place in the club's regular 3G class on 3G services and smartphones.",
    },
    typicalMinutes: 30,
  },
  {
    code: 'INTERNET_SETUP',
    kind: 'internet_setup',
    name: { 'zh-CN': '上网设置', en: 'Mobile internet set-up' },
    description: {
      'zh-CN': '借助中国联通WCDMA终端管理平台设置手机上网参数，教会客户通过菜单或浏览器上网。',
      en: "Set the phone's internet settings with China Unicom's WCDMA terminal management platform, and show how to get online from the menu or the browser.",
    },
    typicalMinutes: 5,
  },
  joinClub('JOIN_3G_CLUB', '3g_club', '3G俱乐部', '3G Club', 3),
  joinClub('JOIN_FILM_CLUB', 'film_club', '影迷俱乐部', 'Film Club', 3),
  joinClub('JOIN_MUSIC_CLUB', 'music_club', '音乐俱乐部', 'Music Club', 3),
];

const tiered = (
  tier: VipTier,
  position: number,
  code: string,
  name: Localized,
  detailZh: string,
  detailEn: string,
): TieredService => ({ tier, code, name, detail: { 'zh-CN': detailZh, en: detailEn }, position });

const priorityAtStores = { 'zh-CN': '营业厅优先办理', en: 'Priority at stores' };
const hotlineVipLine = { 'zh-CN': '10010 VIP专席', en: 'VIP line at 10010' };
const freeSimReplacement = { 'zh-CN': '免费补换卡', en: 'Free SIM replacement' };
const birthdayCare = { 'zh-CN': '生日关怀', en: 'Birthday care' };
const airportLounge = { 'zh-CN': '机场贵宾厅', en: 'Airport VIP lounge' };
const railLounge = { 'zh-CN': '火车站贵宾候车室', en: 'Railway VIP waiting room' };

/** Tiered services per VIP tier (3–5 each), as a Shandong branch would offer them. */
export const tieredServices: readonly TieredService[] = [
  tiered(
    'silver',
    1,
    'PRIORITY_STORE',
    priorityAtStores,
    '在全省中国联通自有营业厅的VIP窗口优先办理业务。',
    'Served first at the VIP counter of any China Unicom store in Shandong.',
  ),
  tiered(
    'silver',
    2,
    'HOTLINE_VIP',
    hotlineVipLine,
    '拨打10010自动识别VIP身份，优先接入人工服务。',
    'Recognised when calling 10010 and put through to an agent first.',
  ),
  tiered('silver', 3, 'FREE_SIM', freeSimReplacement, '每年1次免费补换SIM卡。', 'One free SIM replacement a year.'),
  tiered('silver', 4, 'BIRTHDAY', birthdayCare, '生日当天发送生日祝福短信。', 'A birthday greeting by SMS on the day.'),
  tiered(
    'gold',
    1,
    'PRIORITY_STORE',
    priorityAtStores,
    '在全省中国联通自有营业厅的VIP窗口优先办理业务。',
    'Served first at the VIP counter of any China Unicom store in Shandong.',
  ),
  tiered(
    'gold',
    2,
    'HOTLINE_VIP',
    hotlineVipLine,
    '拨打10010自动识别VIP身份，优先接入人工服务。',
    'Recognised when calling 10010 and put through to an agent first.',
  ),
  tiered(
    'gold',
    3,
    'PAYMENT_GRACE',
    { 'zh-CN': '欠费缓停', en: 'Grace before suspension' },
    '后付费话费逾期后延缓3天停机，停机前由客户经理电话提醒。',
    'A postpaid bill paid late suspends service 3 days later, after a call from the account manager.',
  ),
  tiered('gold', 4, 'FREE_SIM', freeSimReplacement, '每年2次免费补换SIM卡。', 'Two free SIM replacements a year.'),
  tiered(
    'gold',
    5,
    'BIRTHDAY',
    birthdayCare,
    '生日祝福短信，凭短信到营业厅领取生日礼品。',
    'A birthday greeting by SMS, and a gift to collect at a store with it.',
  ),
  tiered(
    'platinum',
    1,
    'PRIORITY_STORE',
    priorityAtStores,
    '在全省中国联通自有营业厅的VIP窗口优先办理业务。',
    'Served first at the VIP counter of any China Unicom store in Shandong.',
  ),
  tiered(
    'platinum',
    2,
    'AIRPORT_LOUNGE',
    airportLounge,
    '济南遥墙、青岛流亭国际机场贵宾厅，每年4次。',
    'VIP lounges at Jinan Yaoqiang and Qingdao Liuting airports, 4 visits a year.',
  ),
  tiered(
    'platinum',
    3,
    'RAIL_LOUNGE',
    railLounge,
    '济南站、济南西站、青岛站贵宾候车室，每年4次。',
    'VIP waiting rooms at Jinan, Jinan West and Qingdao stations, 4 visits a year.',
  ),
  tiered(
    'platinum',
    4,
    'FREE_SIM',
    freeSimReplacement,
    '免费补换SIM卡，不限次数。',
    'Free SIM replacement, as often as needed.',
  ),
  tiered(
    'platinum',
    5,
    'BIRTHDAY',
    birthdayCare,
    '生日祝福短信和生日礼品，由客户经理送达。',
    'A birthday greeting and a gift delivered by the account manager.',
  ),
  tiered(
    'diamond',
    1,
    'AIRPORT_LOUNGE',
    airportLounge,
    '济南遥墙、青岛流亭国际机场贵宾厅，每年8次，可带1位随行人员。',
    'VIP lounges at Jinan Yaoqiang and Qingdao Liuting airports, 8 visits a year, with one companion.',
  ),
  tiered(
    'diamond',
    2,
    'RAIL_LOUNGE',
    railLounge,
    '济南站、济南西站、青岛站贵宾候车室，每年8次，可带1位随行人员。',
    'VIP waiting rooms at Jinan, Jinan West and Qingdao stations, 8 visits a year, with one companion.',
  ),
  tiered(
    'diamond',
    3,
    'HOME_SERVICE',
    { 'zh-CN': '上门服务', en: 'Service at home or office' },
    '客户经理预约上门办理业务、辅导手机使用。',
    'The account manager comes to the customer, by appointment, to handle services and help with the phone.',
  ),
  tiered(
    'diamond',
    4,
    'BACKUP_PHONE',
    { 'zh-CN': '备用手机', en: 'Loan phone' },
    '手机送修期间免费提供备用手机。',
    'A free loan phone while the customer’s phone is being repaired.',
  ),
  tiered(
    'diamond',
    5,
    'BIRTHDAY',
    birthdayCare,
    '生日祝福和专属生日礼品，由客户经理送达。',
    'A birthday greeting and a chosen gift delivered by the account manager.',
  ),
];

/** An activity's times on one day, from Asia/Shanghai hours such as `['14:00', '16:00']`. */
const onDay = (day: string, [from, to]: [string, string]) => ({
  startsAt: `${day}T${from}:00+08:00`,
  endsAt: `${day}T${to}:00+08:00`,
});

/** A 3G class (3G课堂) in a store's club corner, for that store's customers. */
function storeClass(storeId: string, day: string, hours: [string, string], title: Localized): ClubActivity {
  const store = stores.find((candidate) => candidate.id === storeId)!;
  return {
    id: `${storeId}-${day}-CLASS`,
    club: '3g_club',
    region: store.region,
    storeId,
    title,
    venue: { 'zh-CN': `${store.name}3G俱乐部体验区`, en: `3G Club corner, ${store.nameEn}` },
    ...onDay(day, hours),
  };
}

/** A sub-club's event for the customers of every store of a region. */
function regionEvent(
  region: string,
  club: Club,
  day: string,
  hours: [string, string],
  title: Localized,
  venue: Localized,
): ClubActivity {
  const id = `${region.toUpperCase()}-${day}-${club.replace('_club', '').toUpperCase()}`;
  return { id, club, region, storeId: null, title, venue, ...onDay(day, hours) };
}

const smartphoneBasics = { 'zh-CN': '3G课堂：智能手机入门', en: '3G class: getting started with a smartphone' };

/** Club activities planned by the stores and regions of the seed. */
export const clubActivities: readonly ClubActivity[] = [
  storeClass('JN001', '2026-12-06', ['14:00', '16:00'], smartphoneBasics),
  regionEvent(
    'jinan',
    'film_club',
    '2026-12-20',
    ['19:00', '21:30'],
    { 'zh-CN': '影迷俱乐部：贺岁片观影会', en: 'Film Club: New Year film screening' },
    { 'zh-CN': '济南泉城路合作影院', en: 'Partner cinema, Quancheng Road, Jinan' },
  ),
  storeClass('JN002', '2027-01-09', ['10:00', '11:30'], {
    'zh-CN': '3G课堂：手机上网与流量管理',
    en: '3G class: mobile internet and keeping data in check',
  }),
  regionEvent(
    'jinan',
    'music_club',
    '2027-01-16',
    ['19:30', '21:30'],
    { 'zh-CN': '音乐俱乐部：新春音乐会', en: 'Music Club: Spring Festival concert' },
    { 'zh-CN': '济南合作音乐厅', en: 'Partner concert hall, Jinan' },
  ),
  storeClass('JN001', '2027-02-27', ['14:00', '16:00'], {
    'zh-CN': '3G课堂：微博、QQ和手机炒股入门',
    en: '3G class: Weibo, QQ and share trading on the phone',
  }),
  storeClass('QD001', '2026-12-13', ['14:00', '16:00'], smartphoneBasics),
  regionEvent(
    'qingdao',
    'music_club',
    '2026-12-31',
    ['19:00', '22:00'],
    { 'zh-CN': '音乐俱乐部：跨年音乐分享会', en: "Music Club: New Year's Eve music evening" },
    { 'zh-CN': '青岛合作音乐厅', en: 'Partner concert hall, Qingdao' },
  ),
  regionEvent(
    'qingdao',
    'film_club',
    '2027-02-20',
    ['19:00', '21:30'],
    { 'zh-CN': '影迷俱乐部：春节档新片观影会', en: 'Film Club: Spring Festival premiere screening' },
    { 'zh-CN': '青岛合作影院', en: 'Partner cinema, Qingdao' },
  ),
];

/** Promotions with their launch dates: some running, some not yet launched (launch date ahead). */
export const promotions: readonly Promotion[] = [
  {
    code: 'CONTRACT_PHONE_2026',
    name: { 'zh-CN': '预存话费送手机', en: 'Phone for prepaid credit' },
    description: {
      'zh-CN': '预存话费并承诺在网24个月，免费获得指定3G手机，预存款按月返还。',
      en: 'Prepay credit and stay 24 months to get a selected 3G phone free; the credit comes back monthly.',
    },
    region: null,
    launchAt: '2026-09-01T00:00:00+08:00',
    endsAt: null,
  },
  {
    code: 'FAMILY_NUMBERS_FREE',
    name: { 'zh-CN': '亲情号码免月费', en: 'Family numbers without the monthly fee' },
    description: {
      'zh-CN': '新入网客户开通亲情号码，前6个月免收月功能费。',
      en: 'New subscribers who add family numbers pay no monthly fee for them for 6 months.',
    },
    region: 'jinan',
    launchAt: '2026-10-15T00:00:00+08:00',
    endsAt: '2027-04-15T00:00:00+08:00',
  },
  {
    code: 'WINTER_DATA_HALF_PRICE',
    name: { 'zh-CN': '冬季流量包半价', en: 'Winter data packs at half price' },
    description: {
      'zh-CN': '3G流量包100MB和500MB月费半价，订购当月起连续3个月有效。',
      en: 'The 100 MB and 500 MB data packs at half the monthly fee for 3 months from the month ordered.',
    },
    region: null,
    launchAt: '2026-11-01T00:00:00+08:00',
    endsAt: '2027-02-28T00:00:00+08:00',
  },
  {
    code: 'SPRING_FESTIVAL_DATA',
    name: { 'zh-CN': '春节回家流量包', en: 'Spring Festival travel data pack' },
    description: {
      'zh-CN': '春节期间10元享1GB国内流量，当月有效。',
      en: '1 GB of domestic data for 10 yuan over the Spring Festival, valid for the month.',
    },
    region: null,
    launchAt: '2027-01-20T00:00:00+08:00',
    endsAt: '2027-02-28T00:00:00+08:00',
  },
  {
    code: 'CAMPUS_WO_2027',
    name: { 'zh-CN': '沃派校园套餐', en: 'Wo campus plan' },
    description: {
      'zh-CN': '在校学生凭学生证办理，每月多送300MB校园流量。',
      en: 'For students with a student card: 300 MB more campus data each month.',
    },
    region: null,
    launchAt: '2027-02-25T00:00:00+08:00',
    endsAt: null,
  },
  {
    code: 'QINGDAO_SUMMER_DATA',
    name: { 'zh-CN': '青岛夏季流量畅享', en: 'Qingdao summer data offer' },
    description: {
      'zh-CN': '青岛地区客户7月至8月每月加送500MB国内流量。',
      en: 'Customers in Qingdao get 500 MB more domestic data each month in July and August.',
    },
    region: 'qingdao',
    launchAt: '2027-06-01T00:00:00+08:00',
    endsAt: '2027-09-01T00:00:00+08:00',
  },
];

/** Development only (`SEED_DEMO_STAFF=1`, set by `npm start`): one staff member or more of every role. */
export const demoStaff = [
  {
    id: 'S-STORE-JN001',
    username: 'store.jn001',
    displayName: '王晓燕',
    role: 'store',
    storeId: 'JN001',
    region: 'jinan',
    capacity: 0,
  },
  {
    id: 'S-STORE-JN002',
    username: 'store.jn002',
    displayName: '刘洋',
    role: 'store',
    storeId: 'JN002',
    region: 'jinan',
    capacity: 0,
  },
  {
    id: 'S-STORE-QD001',
    username: 'store.qd001',
    displayName: '孙丽',
    role: 'store',
    storeId: 'QD001',
    region: 'qingdao',
    capacity: 0,
  },
  {
    id: 'S-CLUB-JN',
    username: 'club.jn',
    displayName: '陈杰',
    role: 'club',
    storeId: 'JN001',
    region: 'jinan',
    capacity: 0,
  },
  {
    id: 'S-AM-JN-LI',
    username: 'am.li',
    displayName: '李明',
    role: 'account_manager',
    storeId: 'JN001',
    region: 'jinan',
    capacity: 50,
  },
  {
    id: 'S-AM-JN-WANG',
    username: 'am.wang',
    displayName: '王芳',
    role: 'account_manager',
    storeId: 'JN002',
    region: 'jinan',
    capacity: 2,
  },
  {
    id: 'S-AM-QD-ZHAO',
    username: 'am.zhao',
    displayName: '赵磊',
    role: 'account_manager',
    storeId: 'QD001',
    region: 'qingdao',
    capacity: 30,
  },
  {
    id: 'S-FOLLOWUP',
    username: 'followup.zhang',
    displayName: '张静',
    role: 'followup',
    storeId: null,
    region: 'jinan',
    capacity: 0,
  },
  {
    id: 'S-FOLLOWUP-WANG',
    username: 'followup.wang',
    displayName: '王磊',
    role: 'followup',
    storeId: null,
    region: 'jinan',
    capacity: 0,
  },
  {
    id: 'S-TELEMARKETING',
    username: 'tm.liu',
    displayName: '刘婷',
    role: 'telemarketing',
    storeId: null,
    region: 'jinan',
    capacity: 0,
  },
  {
    id: 'S-HOTLINE',
    username: 'hotline.chen',
    displayName: '陈晨',
    role: 'hotline',
    storeId: null,
    region: 'jinan',
    capacity: 0,
  },
  {
    id: 'S-NETWORK',
    username: 'network.zhao',
    displayName: '赵刚',
    role: 'network',
    storeId: null,
    region: 'jinan',
    capacity: 0,
  },
  {
    id: 'S-SUPERVISOR',
    username: 'supervisor.sun',
    displayName: '孙强',
    role: 'supervisor',
    storeId: null,
    region: 'jinan',
    capacity: 0,
  },
  {
    id: 'S-ENGINEER',
    username: 'engineer.zhou',
    displayName: '周宇',
    role: 'engineer',
    storeId: null,
    region: 'jinan',
    capacity: 0,
  },
  {
    id: 'S-ADMIN',
    username: 'admin.wu',
    displayName: '吴敏',
    role: 'administrator',
    storeId: null,
    region: 'jinan',
    capacity: 0,
  },
] as const;

/**
 * The demo subscriber (development, tests, benchmarks): a standard prepaid subscriber on plan A66 at
 * store JN001, to which each activation adds its own id, number and activation time.
 */
export const demoSubscriber = {
  name: '张伟',
  address: '济南市历下区泉城路1号',
  idNumberLast4: '0312',
  storeId: 'JN001',
  planCode: 'A66',
  paymentType: 'prepaid',
  tier: 'standard',
  portIn: false,
  locale: 'zh-CN',
} as const;
