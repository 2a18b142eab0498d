import type { Tier } from './vocabulary';
import type { Localized } from './localized';

/**
 * Tiered services (分级服务项目): what each VIP tier brings locally (lounges, priority service,
 * birthday care…), distinct from the value-added services sold to anyone. The account manager tells
 * them at the first call (客户等级及权益告知) and presents 3 to 5 at day 30–60 (推荐3G特色服务).
 */

export const vipTiers = ['silver', 'gold', 'platinum', 'diamond'] as const satisfies readonly Tier[];
export type VipTier = (typeof vipTiers)[number];

/** The plan: 3–5 local tiered services per tier. */
export const tieredServicesPerTier = { min: 3, max: 5 } as const;

/** One service as a tier receives it: the same service (code) may differ by tier in its detail. */
export interface TieredService {
  tier: VipTier;
  code: string;
  name: Localized;
  /** What this tier gets, e.g. 每年4次 / 4 visits a year. */
  detail: Localized;
  /** Order in which the manager presents them. */
  position: number;
}

/** The services of `tier`, in the order to present them; none for a customer who is not VIP. */
export function tieredServicesFor(tier: Tier, catalog: readonly TieredService[]): TieredService[] {
  return catalog
    .filter((service) => service.tier === tier)
    .sort((a, b) => a.position - b.position || a.code.localeCompare(b.code));
}
