import { rankValueAddedServices, usageProfile } from '../domain/vas-ranking';
import { plans, valueAddedServices } from '../prisma/seed-data';
import type { PlanTerms } from '../domain/vocabulary';

const a66 = plans.find((plan) => plan.code === 'A66')! as PlanTerms;

describe('usage profile', () => {
  it('no usage → new user; 290 of 300 MB → data heavy; little of everything → light user', () => {
    expect(usageProfile([], a66)).toEqual(['new_user']);
    expect(usageProfile([{ month: '2026-12', voiceMinutes: 10, dataMB: 290, sms: 1 }], a66)).toEqual(['data_heavy']);
    expect(usageProfile([{ month: '2026-12', voiceMinutes: 5, dataMB: 20, sms: 1 }], a66)).toEqual(['light_user']);
    expect(usageProfile([{ month: '2026-12', voiceMinutes: 60, dataMB: 20, sms: 12 }], a66)).toEqual([
      'voice_heavy',
      'sms_heavy',
    ]);
  });
});

describe('value-added-service ranking', () => {
  it('data-heavy: data and media services first, at most 5', () => {
    const ranked = rankValueAddedServices(valueAddedServices, ['data_heavy']);
    expect(ranked).toHaveLength(5);
    expect(ranked[0]).toMatchObject({ code: 'WO_READ', score: 1 });
    expect(ranked.every((service) => service.score === 1)).toBe(true);
    // Same score: cheaper first.
    expect(ranked.map((service) => service.monthlyFee)).toEqual(
      [...ranked.map((service) => service.monthlyFee)].sort((a, b) => a - b),
    );
  });

  it('a service matching two tags outranks one matching a single tag', () => {
    const ranked = rankValueAddedServices(valueAddedServices, ['data_heavy', 'video']);
    expect(ranked[0]!.code).toBe('MOBILE_VIDEO');
    expect(ranked[0]!.score).toBe(2);
  });

  it('nothing matches: fills up to the minimum with the cheapest, and never returns nothing', () => {
    expect(rankValueAddedServices(valueAddedServices, ['astronaut'])).toEqual([
      expect.objectContaining({ code: 'ROAMING', why: 'popular and inexpensive' }),
    ]);
    expect(rankValueAddedServices(valueAddedServices, ['astronaut'], { min: 3 })).toHaveLength(3);
    expect(rankValueAddedServices([], ['data_heavy'])).toEqual([]);
  });
});
