import type { PlanTerms, UsageMonth, ValueAddedServiceOffer } from './vocabulary';

/**
 * Service recommendation's "data mining": a usage profile from the months billed so far, and the
 * value-added-service catalog ranked against it. Pure and deterministic.
 */

/** Profile tags of a subscriber's usage relative to the plan's allowances. */
export function usageProfile(usage: UsageMonth[], plan: PlanTerms): string[] {
  if (usage.length === 0) return ['new_user'];
  const average = (pick: (month: UsageMonth) => number) =>
    usage.reduce((sum, month) => sum + pick(month), 0) / usage.length;
  const share = (used: number, included: number) => (included > 0 ? used / included : used > 0 ? Infinity : 0);
  const voice = share(
    average((month) => month.voiceMinutes),
    plan.voiceMinutes,
  );
  const data = share(
    average((month) => month.dataMB),
    plan.dataMB,
  );
  const sms = share(
    average((month) => month.sms),
    plan.sms,
  );
  const tags: string[] = [];
  if (data >= 0.8) tags.push('data_heavy');
  if (voice >= 0.8) tags.push('voice_heavy');
  if (sms >= 0.8) tags.push('sms_heavy');
  if (voice < 0.3 && data < 0.3 && sms < 0.3) tags.push('light_user');
  return tags;
}

export interface RankedService {
  code: string;
  name: string;
  nameEn: string;
  monthlyFee: number;
  score: number;
  why: string;
}

/**
 * Ranks the catalog by how many profile tags a service suits, then cheaper first, then code.
 * Returns between `min` (1) and `max` (5) services when the catalog has them: services that match
 * nothing fill up to `min`, cheapest first.
 */
export function rankValueAddedServices(
  catalog: ValueAddedServiceOffer[],
  profile: string[],
  options: { min?: number; max?: number } = {},
): RankedService[] {
  const min = options.min ?? 1;
  const max = options.max ?? 5;
  const scored = catalog
    .map((service) => {
      const matched = service.profile.filter((tag) => profile.includes(tag));
      return {
        code: service.code,
        name: service.name,
        nameEn: service.nameEn,
        monthlyFee: service.monthlyFee,
        score: matched.length,
        why: matched.length > 0 ? `suits ${matched.join(', ')}` : 'popular and inexpensive',
      };
    })
    .sort((a, b) => b.score - a.score || a.monthlyFee - b.monthlyFee || a.code.localeCompare(b.code));
  const matching = scored.filter((service) => service.score > 0);
  const fillers = scored.filter((service) => service.score === 0);
  return [...matching, ...fillers.slice(0, Math.max(0, min - matching.length))].slice(0, max);
}
