import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { SendSmsRequest } from '../../workflows/activity-contract';

const { sendSms } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** The first-SMS benchmark's baseline: started, one activity writes the welcome SMS's outbox row, done. */
export async function firstSmsBaseline(request: SendSmsRequest): Promise<void> {
  await sendSms(request);
}
