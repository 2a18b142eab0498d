import { analysePlanFit, monthlyCost } from '../activities/plan-fit';
import { plans } from '../prisma/seed-data';
import type { PlanTerms, UsageMonth } from '../workflows/domain';

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

describe('plan-fit recommendation (the seed: same level in another family, or one level up)', () => {
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
    // 1000 min on B66 (200 min): B126 (680 min) would cost 126 + 48 = 174, B156 (920 min) 168: two levels up, not allowed.
    const result = analysePlanFit({ current: plan('B66'), catalog, usage: [month(1000, 60)] });
    expect(result.kind).toBe('recommend');
    if (result.kind === 'recommend') {
      const level = plan(result.recommended.code).level;
      expect([2, 3]).toContain(level);
    }
    const fromA96 = analysePlanFit({ current: plan('A96'), catalog, usage: [month(400, 300)] });
    if (fromA96.kind === 'recommend') expect(plan(fromA96.recommended.code).level).toBeGreaterThanOrEqual(3);
  });

  it('large overage but every candidate costs more: fits, with the reason', () => {
    // 400 MB on A46 (150 MB): overage 76.80 (167%); A66 costs 96.72, B46/C46/B66/C66 cost more.
    const result = analysePlanFit({ current: plan('A46'), catalog, usage: [month(50, 400)] });
    expect(result.kind === 'recommend' ? plan(result.recommended.code).level : 0).toBeLessThanOrEqual(2);
    const expensive = analysePlanFit({
      current: plan('A66'),
      catalog: [plan('A66'), plan('A186')],
      usage: [month(600, 50)],
    });
    expect(expensive).toMatchObject({
      kind: 'fits',
      reason: expect.stringMatching(/no candidate plan would cost less/),
    });
  });

  it('the threshold is configurable: 9.1% overage is large at a 5% threshold, so candidates are priced', () => {
    const usage = [month(90, 300)];
    expect(analysePlanFit({ current: plan('A66'), catalog, usage }).reason).toMatch(/below 20%/);
    // Large at 5%, but the cheapest candidate, B66 at 66 + 240 × 1024 × 0.0003 = 139.73, costs more than 72.00.
    expect(analysePlanFit({ current: plan('A66'), catalog, usage, overageThreshold: 0.05 }).reason).toMatch(
      /no candidate plan would cost less/,
    );
  });

  it('ties go to the lower fee, then the code: the same input always gives the same answer', () => {
    const twin = { ...plan('B96'), code: 'D96', family: 'D' };
    const a = analysePlanFit({ current: plan('A66'), catalog: [...catalog, twin], usage: [month(600, 50)] });
    const b = analysePlanFit({ current: plan('A66'), catalog: [twin, ...catalog].reverse(), usage: [month(600, 50)] });
    expect(a).toEqual(b);
    expect(a).toMatchObject({ recommended: { code: 'B96' } });
  });
});
