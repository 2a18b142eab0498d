import { proxyActivities } from '@temporalio/workflow';
import type { ActivityContract } from './activity-contract';

const { describeDatabase } = proxyActivities<Pick<ActivityContract, 'describeDatabase'>>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

/** What {@link platformProbe} proves: a worker polls the task queue and its activities reach PostgreSQL. */
export interface ProbeResult {
  databaseVersion: string;
}

/**
 * End-to-end probe of the platform: client → Temporal → worker → activity → PostgreSQL. Used by the
 * smoke test and by `npm run probe` after a deployment.
 */
export async function platformProbe(): Promise<ProbeResult> {
  const database = await describeDatabase();
  return { databaseVersion: database.serverVersion };
}
