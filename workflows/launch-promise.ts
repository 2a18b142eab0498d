import { sleep } from '@temporalio/workflow';
import type { LaunchPromiseInput } from './activity-contract';
import { activities } from './activity-proxies';

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
