import { analysePlanFit, monthlyCost } from '../domain/plan-fit-analysis';
import { plans } from '../prisma/seed-data';
import type { PlanTerms, UsageMonth } from '../domain/vocabulary';

const catalog: PlanTerms[] = plans.map((plan) => ({ ...plan }));
const plan = (code: string) => catalog.find((candidate) => candidate.code === code)!;
const month = (voiceMinutes: number, dataMB: number, sms = 0, label = '2026-12'): UsageMonth => ({
  month: label,
  voiceMinutes,
  dataMB,
  sms,
});

// The seed catalog: A66 = 50 min / 300 MB / 10 SMS; B66 = 200 min / 60 MB; B96 = 450 min / 80 MB;
// A96 = 240 min / 300 MB; C66 = 140 min / 120 MB; C96 = 320 min / 200 MB. Overage 0.15/min, 0.0003/KB, 0.1/SMS.
describe('plan-fit pricing', () => {
  it('A66 with 400 min and 300 MB costs 66 + 350 × 0.15 = 118.50', () => {
    expect(monthlyCost(plan('A66'), month(400, 300))).toBe(118.5);
  });

  it('A66 with 50 min and 400 MB costs 66 + 100 × 1024 × 0.0003 = 96.72', () => {
    expect(monthlyCost(plan('A66'), month(50, 400))).toBe(96.72);
  });

  it('A66 with 30 SMS costs 66 + 20 × 0.10 = 68.00; usage inside the plan costs the fee alone', () => {
    expect(monthlyCost(plan('A66'), month(0, 0, 30))).toBe(68);
    expect(monthlyCost(plan('A66'), month(50, 300, 10))).toBe(66);
  });
});

describe('plan-fit recommendation (the operator’s plan: same level in another family, or one level up)', () => {
  it('no usage yet: nothing to analyse', () => {
    expect(analysePlanFit({ current: plan('A66'), catalog, usage: [] })).toMatchObject({ kind: 'no_usage' });
  });

  it('overage 6.00 on a 66 fee (9.1%) is below 20%: the plan fits', () => {
    const result = analysePlanFit({ current: plan('A66'), catalog, usage: [month(90, 300)] });
    expect(result).toMatchObject({ kind: 'fits', averageCost: 72, averageOverage: 6 });
  });

  it('600 min a month on A66 (148.50) → B96 at 118.50, saving 30.00: one level up beats B66 at 126.00', () => {
    const result = analysePlanFit({
      current: plan('A66'),
      catalog,
      usage: [month(600, 50, 0, '2026-12'), month(600, 50, 0, '2027-01')],
    });
    expect(result).toMatchObject({
      kind: 'recommend',
      recommended: { code: 'B96' },
      currentAverageCost: 148.5,
      recommendedAverageCost: 118.5,
      expectedMonthlySaving: 30,
    });
    if (result.kind === 'recommend') expect(result.script.zh).toContain('预计每月节省30.00元');
  });

  it('250 min and 60 MB on A66 (96.00) → B66 at 73.50, same level in another family, saving 22.50', () => {
    const result = analysePlanFit({ current: plan('A66'), catalog, usage: [month(250, 60)] });
    expect(result).toMatchObject({
      kind: 'recommend',
      recommended: { code: 'B66' },
      recommendedAverageCost: 73.5,
      expectedMonthlySaving: 22.5,
    });
  });

  it('never recommends two levels up or a lower level, even when cheaper', () => {
    // 1000 min on B66 (level 2, 186.00): B126 (174.00) and B156 (168.00) are cheaper but two and three
    // levels up; within the rule B96 (level 3) at 178.50 is the cheapest.
    const heavy = [month(1000, 60)];
    expect(monthlyCost(plan('B126'), heavy[0]!)).toBeLessThan(178.5);
    expect(analysePlanFit({ current: plan('B66'), catalog, usage: heavy })).toMatchObject({
      kind: 'recommend',
      recommended: { code: 'B96' },
      currentAverageCost: 186,
      recommendedAverageCost: 178.5,
    });
    // 100 min and 420 MB on C96 (level 3, 163.58): A66 (level 2) would cost 110.36, a lower level; within
    // the rule A126 (level 4) at 132.14 is the cheapest.
    const dataHeavy = [month(100, 420)];
    expect(monthlyCost(plan('A66'), dataHeavy[0]!)).toBe(110.36);
    expect(analysePlanFit({ current: plan('C96'), catalog, usage: dataHeavy })).toMatchObject({
      kind: 'recommend',
      recommended: { code: 'A126' },
      currentAverageCost: 163.58,
      recommendedAverageCost: 132.14,
    });
  });

  it('large overage but no candidate within the rule costs less: reported as large overage, never “fits”', () => {
    // 600 min on A66 (50 min): 66 + 550 × 0.15 = 148.50, overage 125%. In a catalog of A66 and A186 alone,
    // A186 is outside the rule (five levels up) and costs 186 + 90 × 0.15 = 199.50: nothing cheaper anywhere.
    const expensive = analysePlanFit({
      current: plan('A66'),
      catalog: [plan('A66'), plan('A186')],
      usage: [month(600, 50)],
    });
    expect(expensive).toMatchObject({
      kind: 'large_overage',
      currentAverageCost: 148.5,
      averageOverage: 82.5,
      outsideRule: null,
      reason: expect.stringMatching(
        /no plan within the rule would cost less; no plan of the whole catalog would either/,
      ),
    });
    if (expensive.kind === 'large_overage') expect(expensive.script.zh).toContain('可以考虑加装流量包或语音包');
  });

  it('the threshold is configurable: 9.1% overage is large at a 5% threshold, so candidates are priced', () => {
    const usage = [month(90, 300)];
    expect(analysePlanFit({ current: plan('A66'), catalog, usage }).reason).toMatch(/below 20%/);
    // Large at 5%, but the cheapest candidate, B66 at 66 + 240 × 1024 × 0.0003 = 139.73, costs more than 72.00.
    expect(analysePlanFit({ current: plan('A66'), catalog, usage, overageThreshold: 0.05 })).toMatchObject({
      kind: 'large_overage',
      reason: expect.stringMatching(/no plan within the rule would cost less/),
    });
  });

  it('ties go to the lower fee, then the code: the same input always gives the same answer', () => {
    const twin = { ...plan('B96'), code: 'D96', family: 'D' };
    const a = analysePlanFit({ current: plan('A66'), catalog: [...catalog, twin], usage: [month(600, 50)] });
    const b = analysePlanFit({ current: plan('A66'), catalog: [twin, ...catalog].reverse(), usage: [month(600, 50)] });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ recommended: { code: 'B96' } });
  });
});

describe('a heavy user far over the plan with no cheaper plan within the rule (worked example)', () => {
  // B46: 46 yuan, 120 min, 40 MB. Two months of 1,500 minutes and 40 MB each:
  //   B46  46 + (1500 − 120) × 0.15 = 46 + 207.00 = 253.00 a month; overage 207.00 = 450% of the fee.
  // Within the rule (level 1 in another family, or level 2):
  //   A46  46 + 1450 × 0.15 = 263.50   C46  46 + 1400 × 0.15 = 256.00
  //   A66  66 + 1450 × 0.15 = 283.50   B66  66 + 1300 × 0.15 = 261.00   C66  66 + 1360 × 0.15 = 270.00
  // None is cheaper than 253.00. The whole catalog's cheapest is B186 (1,180 min):
  //   186 + 320 × 0.15 = 234.00, a saving of 19.00 a month (B156 243.00, B126 249.00, B96 253.50).
  const heavy = [month(1500, 40, 0, '2026-12'), month(1500, 40, 0, '2027-01')];

  it('says “large overage; no cheaper plan within the rule”, with B186 as the labelled second suggestion', () => {
    const result = analysePlanFit({ current: plan('B46'), catalog, usage: heavy });
    expect(result).toEqual({
      kind: 'large_overage',
      currentAverageCost: 253,
      averageOverage: 207,
      outsideRule: {
        plan: { code: 'B186', name: '3G基本套餐B计划186元', nameEn: '3G Basic Plan B 186 yuan', monthlyFee: 186 },
        expectedMonthlyCost: 234,
        expectedMonthlySaving: 19,
      },
      reason:
        'average overage 207.00 yuan is 450% of the 46-yuan fee, and no plan within the rule would cost less; outside the rule, B186 (the cheapest of the whole catalog) would cost 234.00 instead of 253.00',
      script: {
        zh: '您近2个月平均每月套餐外费用207.00元，是月费的450%。同档其他类型和上一档的套餐都不比现在省钱；如果换成3G基本套餐B计划186元，按您的用量每月约234.00元，预计每月节省19.00元，供您参考。',
        en: 'Over the last 2 month(s) you paid 207.00 yuan a month beyond your plan (450% of the fee). No plan at your level or one level up would cost less; on 3G Basic Plan B 186 yuan the same usage would cost about 234.00 yuan, saving 19.00 yuan a month, if you would consider it.',
      },
    });
    for (const code of ['A46', 'C46', 'A66', 'B66', 'C66'])
      expect(monthlyCost(plan(code), heavy[0]!)).toBeGreaterThan(253);
    expect([monthlyCost(plan('B186'), heavy[0]!), monthlyCost(plan('B156'), heavy[0]!)]).toEqual([234, 243]);
  });

  it('no plan of the whole catalog costs less: large overage without a second suggestion', () => {
    // 2,000 MB and 50 min on A66 (300 MB): 66 + 1700 × 1024 × 0.0003 = 588.24, overage 791%. A data MB beyond a
    // plan costs 0.3072 yuan, less than the fee steps buy: A46 614.32, A156 616.80, A186 600.72, all dearer.
    const result = analysePlanFit({ current: plan('A66'), catalog, usage: [month(50, 2000)] });
    expect(result).toMatchObject({ kind: 'large_overage', currentAverageCost: 588.24, outsideRule: null });
    expect([monthlyCost(plan('A46'), month(50, 2000)), monthlyCost(plan('A186'), month(50, 2000))]).toEqual([
      614.32, 600.72,
    ]);
  });
});
