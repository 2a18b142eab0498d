import type { Localized } from './localized';

/**
 * Promotions (促销政策) with their launch dates. A follow-up call answers from the running ones; a
 * customer asking about one not yet launched (launch date in the future) is told when it launches.
 */

export interface Promotion {
  code: string;
  name: Localized;
  description: Localized;
  /** The region it runs in, or null for the whole province. */
  region: string | null;
  /** ISO 8601 instants; `endsAt` null while it has no announced end. */
  launchAt: string;
  endsAt: string | null;
}

/** Where a promotion stands at an instant: before its launch, running, or over. */
export type PromotionStatus = 'not_launched' | 'running' | 'ended';

export function promotionStatus(
  promotion: Pick<Promotion, 'launchAt' | 'endsAt'>,
  at: string | number,
): PromotionStatus {
  const instant = new Date(at).getTime();
  if (Date.parse(promotion.launchAt) > instant) return 'not_launched';
  if (promotion.endsAt !== null && Date.parse(promotion.endsAt) <= instant) return 'ended';
  return 'running';
}

/** The promotions a customer of `region` can be offered at `at`: running there or province-wide. */
export function runningPromotions(promotions: readonly Promotion[], region: string, at: string | number): Promotion[] {
  return promotions.filter(
    (promotion) =>
      (promotion.region === null || promotion.region === region) && promotionStatus(promotion, at) === 'running',
  );
}

/**
 * The promotions that launched after `from` and by `to`: a customer who asked about one before it
 * launched is told now.
 */
export function launchedBetween(
  promotions: readonly Promotion[],
  from: string | number,
  to: string | number,
): Promotion[] {
  const start = new Date(from).getTime();
  const end = new Date(to).getTime();
  return promotions
    .filter((promotion) => {
      const launch = Date.parse(promotion.launchAt);
      return launch > start && launch <= end;
    })
    .sort((a, b) => Date.parse(a.launchAt) - Date.parse(b.launchAt) || a.code.localeCompare(b.code));
}
