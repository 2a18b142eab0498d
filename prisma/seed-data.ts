/**
 * The seed of the product: the operator's plan catalog (3G basic plans A/B/C, levels by monthly fee
 * step as the plan-fit rule needs), the value-added-service catalog, stores of two regions; and, for
 * development only, demo staff for every role (their password is given to the seed, never fixed here).
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
      // The seed's standard overage rates: 0.15 yuan/min, 0.0003 yuan/KB, 0.1 yuan/SMS.
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
  storeId: 'JN001',
  planCode: 'A66',
  paymentType: 'prepaid',
  tier: 'standard',
  portIn: false,
  locale: 'zh-CN',
} as const;
