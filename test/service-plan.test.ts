import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import {
  checklistContent,
  checklistPoints,
  dataSurgeCauses,
  finalCustomerReminder,
  followupVerification,
  followupVerificationItems,
  fourSkills,
  paymentMethods,
  serviceGuide,
  type Point,
} from '../domain/service-plan';
import { plans } from '../prisma/seed-data';
import { locales, type PlanTerms } from '../domain/vocabulary';
import { coachingItems } from '../workflows/tasks';

const plan = (code: string) => plans.find((candidate) => candidate.code === code)! as PlanTerms;
const zh = (points: readonly Point[]) => points.map((item) => item.text['zh-CN']).join('\n');

describe('the plan’s content for each checklist item (五告知、二推荐、三辅导)', () => {
  it('every checklist item of onboarding coaching has its points, in both languages', () => {
    expect(Object.keys(checklistContent).sort()).toEqual([...coachingItems].sort());
    for (const item of coachingItems) {
      const { points } = checklistContent[item];
      expect(points.length).toBeGreaterThanOrEqual(2);
      expect(new Set(points.map((entry) => entry.code)).size).toBe(points.length);
      for (const { text } of points) {
        expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
        expect(text.en).not.toMatch(/[\u4e00-\u9fff]/);
        expect(text.en).toMatch(/^[A-Z0-9"]/);
      }
    }
  });

  it('the agreement’s restriction points, in the plan’s order, with its worked example 66 − 39 = 27', () => {
    const points = checklistContent.contract_terms.points.map((entry) => entry.text['zh-CN']);
    expect(points.map((text) => text.split('：')[0])).toEqual([
      '在网时长要求',
      '靓号规则',
      '合约计划优惠政策',
      '预存款返还规则及每月还需交纳的话费',
      '流量封顶限制',
      '首月资费标准选择',
      '初始密码及作用',
    ]);
    expect(points[3]).toContain('预存950元、每月返还39元，选A计划66元档，每月还需交纳27元');
    expect(finalCustomerReminder.text['zh-CN']).toContain('办理人不是最终客户');
    expect(finalCustomerReminder.text['zh-CN']).toContain('认真阅读入网协议和套餐宣传单页');
  });

  it('the service guide is handed out for the channels, the payment methods and the data notes', () => {
    expect(serviceGuide.title['zh-CN']).toBe('《3G客户常用服务指南》');
    const covered = coachingItems.filter((item) => checklistContent[item].inServiceGuide);
    expect(covered).toEqual(['service_channels', 'billing_payment', 'data_usage_notes']);
    for (const item of covered) expect(checklistContent[item].points[0]).toBe(serviceGuide.handOut);
    expect(zh(checklistContent.service_channels.points)).toMatch(
      /网上营业厅[\s\S]*短信营业厅[\s\S]*10010[\s\S]*营业厅/,
    );
  });

  it('8 payment methods and how to check charges; 5 causes of data surges; the 四会 standard', () => {
    expect(paymentMethods).toHaveLength(8);
    const billing = zh(checklistContent.billing_payment.points);
    for (const method of paymentMethods) expect(billing).toContain(method.name['zh-CN']);
    expect(billing).toContain('CXHF');
    expect(dataSurgeCauses).toHaveLength(5);
    for (const cause of dataSurgeCauses) expect(checklistContent.data_usage_notes.points).toContain(cause);
    expect(zh(checklistContent.internet_setup.points)).toContain(
      '“四会”标准：会发短信、会存通讯录、会上网、会下载软件',
    );
    expect(fourSkills.map((skill) => skill.code)).toEqual(['send_sms', 'save_contacts', 'browse', 'install_apps']);
    expect(zh(checklistContent.internet_setup.points)).toContain('WCDMA终端管理平台');
  });

  it('the club, number-change coaching and tier rights say what the plan says', () => {
    const club = zh(checklistContent.club_recommendation.points);
    for (const words of ['手机激活', '电话号码转存', '软件安装', '3G课堂', '影迷俱乐部', '音乐俱乐部'])
      expect(club).toContain(words);
    const numberChange = zh(checklistContent.number_change_coaching.points);
    expect(numberChange).toContain('语音通知');
    expect(numberChange).toContain('群发变更短信');
    expect(checklistContent.number_change_coaching.audience).toBe('number_change');
    expect(checklistContent.tier_rights.audience).toBe('vip');
    expect(zh(checklistContent.tier_rights.points)).toMatch(/3天内分配客户经理.*7天内首次联系/);
  });

  it('the follow-up call verifies 姓名、身份证号码、联系电话、通信地址', () => {
    expect(followupVerificationItems).toEqual(['name', 'id_number', 'contact_phone', 'mailing_address']);
    expect(followupVerification.text['zh-CN']).toContain('确认使用者姓名、身份证号码、联系电话、通信地址');
    expect(followupVerification.text.en).toContain(
      "the user's name, ID card number, contact phone number and mailing address",
    );
  });
});

describe('checklist points for one subscriber', () => {
  it('the tariff item quotes the plan’s own figures, and a plan without MMS says nothing of MMS', () => {
    const a66 = checklistPoints('plan_tariff', { plan: plan('A66') });
    expect(zh(a66)).toContain('套餐名称：3G基本套餐A计划66元，月费66元。');
    expect(zh(a66)).toContain('每月包含国内语音拨打50分钟、国内数据流量300MB、国内点对点短信10条、国内点对点彩信6条。');
    expect(zh(a66)).toContain('国内语音拨打0.15元/分钟，国内数据流量0.0003元/KB，国内短信0.1元/条');
    const a46 = checklistPoints('plan_tariff', { plan: plan('A46') });
    expect(zh(a46)).not.toContain('彩信');
    expect(a46.map((entry) => entry.text.en).join(' ')).toContain(
      'Included each month: 50 minutes of domestic calls, 150 MB of domestic data and 10 domestic SMS.',
    );
  });

  it('the tier-rights item lists the tier’s services after the plan’s points', () => {
    const points = checklistPoints('tier_rights', {
      tierRights: [
        {
          code: 'LOUNGE',
          name: { 'zh-CN': '机场贵宾厅', en: 'Airport VIP lounge' },
          detail: { 'zh-CN': '每年4次', en: '4 visits a year' },
        },
      ],
    });
    expect(points.at(-1)).toEqual({
      code: 'LOUNGE',
      text: { 'zh-CN': '机场贵宾厅：每年4次', en: 'Airport VIP lounge: 4 visits a year' },
    });
    expect(checklistPoints('contract_terms')).toEqual(checklistContent.contract_terms.points);
  });

  it.each(locales)('no point in %s is empty or left with a placeholder', (locale) => {
    for (const item of coachingItems) {
      for (const entry of checklistPoints(item, { plan: plan('B96') })) {
        expect(entry.text[locale].length).toBeGreaterThan(3);
        expect(entry.text[locale]).not.toMatch(/undefined|NaN|\*|\$\{/);
      }
    }
  });
});

describe('domain/ is pure', () => {
  const folder = join(__dirname, '..', 'domain');
  it.each(readdirSync(folder).filter((name) => name.endsWith('.ts')))(
    'domain/%s imports nothing that does I/O (types aside)',
    (name) => {
      const source = ts.createSourceFile(name, readFileSync(join(folder, name), 'utf8'), ts.ScriptTarget.Latest);
      const loaded = source.statements
        .filter(ts.isImportDeclaration)
        .filter((declaration) => !declaration.importClause?.isTypeOnly)
        .map((declaration) => (declaration.moduleSpecifier as ts.StringLiteral).text);
      expect(loaded.filter((specifier) => !specifier.startsWith('./'))).toEqual([]);
    },
  );
});
