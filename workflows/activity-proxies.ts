import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * The activities as the journey calls them. Transient faults (database, SMS gateway) are retried
 * with backoff for as long as it takes; bad data fails at once (`ApplicationFailure.nonRetryable`).
 *
 * When a subscriber leaves, the journey abandons an activity in flight instead of asking the server
 * to cancel it: the activities are short idempotent writes that never heartbeat, so a cancel request
 * could not stop them anyway (and revision-ordered task writes keep a late one from undoing the
 * journey's end). It also keeps the time-skipping test server from refusing the cancel of an activity
 * that completed meanwhile (temporalio/sdk-java#3088).
 */
export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  cancellationType: 'ABANDON',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * Account-manager assignment: "no manager available" is retried a few times here, then the journey
 * escalates to the supervisor and tries again later (see moments/vip-service.ts).
 */
export const assignmentActivities = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  cancellationType: 'ABANDON',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 5 },
});
