import { proxyActivities } from '@temporalio/workflow';
import type { ActivityContract } from './activity-contract';

/**
 * The activities as the journey calls them. Transient faults (database, SMS gateway) are retried
 * with backoff for as long as it takes; bad data fails at once (`ApplicationFailure.nonRetryable`).
 * A subscriber leaving abandons an activity in flight rather than cancelling it: see
 * docs/known-issues.md#the-java-time-skipping-test-server-tests-only.
 */
export const activities = proxyActivities<ActivityContract>({
  startToCloseTimeout: '30 seconds',
  cancellationType: 'ABANDON',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * Account-manager assignment: "no manager available" is retried a few times here, then the journey
 * escalates to the supervisor and tries again later (see moments/vip-service.ts).
 */
export const assignmentActivities = proxyActivities<ActivityContract>({
  startToCloseTimeout: '30 seconds',
  cancellationType: 'ABANDON',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 5 },
});
