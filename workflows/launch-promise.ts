import { sleep } from '@temporalio/workflow';
import type { Localized } from '../domain/localized';
import type { Locale } from '../domain/vocabulary';
import { activities } from './activity-proxies';

/** What a journey hands over when a promotion the customer asked about launches after its day 90. */
export interface LaunchPromiseInput {
  journeyId: string;
  subscriberId: string;
  locale: Locale;
  promotion: { code: string; name: Localized; description: Localized };
  /** The launch day's first instant outside quiet hours, as the journey's clock read it (ISO). */
  sendAt: string;
}

/**
 * The promise of the follow-up call (对尚未推出的促销政策…一旦有促销政策会及时告知) kept after the
 * journey: one durable timer to the launch, then the same service SMS the journey sends for a launch
 * inside its 90 days, under the same idempotency key, so it goes out once. The SMS activity sends it
 * only while the number is still the subscriber's (not left, erased or reissued). Its id is the
 * journey's with a suffix (`launchPromiseWorkflowId`): sealed with the subscriber's key, terminated by
 * an erasure.
 */
export async function launchPromise(input: LaunchPromiseInput): Promise<'sent' | 'dropped'> {
  const delay = Date.parse(input.sendAt) - Date.now();
  if (delay > 0) await sleep(delay, { summary: `promotion ${input.promotion.code} launches: tell the customer` });
  const { sent } = await activities.keepLaunchPromise.executeWithOptions(
    { summary: 'SMS promotion_launched, while the number is still theirs' },
    [input],
  );
  return sent ? 'sent' : 'dropped';
}
