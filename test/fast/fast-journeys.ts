import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { startTimeSkippingServer } from '../../devtools/time-skipping-server';
import { failureConverterPath } from '../../platform/payload-codec';
import { createLogger } from '../../platform/logger';
import { workflowBundlerOptions, workflowInterceptorModules } from '../../workers/workflow-bundle';
import { onboardingJourney } from '../../workflows/journey';
import { journeyWorkflowId, type ActivationProfile } from '../../workflows/state';
import { calendarDaySchedule, activationProfile } from '../support/journey-harness';

/**
 * The fast tier's harness: the real workflow on the time-skipping server, with activities the test
 * stubs (test/fast/stub-activities.ts), no database, no codec. One server per test file; each test
 * runs its own worker with its own stubs on a task queue of its own.
 */
export class FastJourneys {
  private sequence = 0;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    private readonly workflowBundle: { code: string } | { codePath: string },
  ) {}

  static async start(): Promise<FastJourneys> {
    const log = createLogger('fast-tier', 'warn');
    const [env, workflowBundle] = await Promise.all([
      startTimeSkippingServer(log),
      // Inside `npm test` the run's bundle exists already; alone, the tier bundles the workflow itself.
      process.env.TEST_WORKFLOW_BUNDLE
        ? { codePath: process.env.TEST_WORKFLOW_BUNDLE }
        : bundleWorkflowCode({
            workflowsPath: require.resolve('../../workflows'),
            failureConverterPath,
            logger: new DefaultLogger('WARN'),
            ...workflowBundlerOptions,
          }),
    ]);
    return new FastJourneys(env, workflowBundle);
  }

  async stop(): Promise<void> {
    await this.env.teardown();
  }

  /** A subscriber activated now on the server's clock. */
  async activation(overrides: Partial<ActivationProfile> = {}): Promise<ActivationProfile> {
    this.sequence += 1;
    return activationProfile({
      subscriberId: `FAST-${this.sequence}`,
      msisdn: `1390000${String(this.sequence).padStart(4, '0')}`,
      activatedAt: new Date(await this.env.currentTimeMs()).toISOString(),
      ...overrides,
    });
  }

  /** Runs `scenario` while a worker with `activities` serves a journey started for `subscriber`. */
  async journey<T>(
    activities: Activities,
    subscriber: ActivationProfile,
    scenario: (handle: Awaited<ReturnType<TestWorkflowEnvironment['client']['workflow']['start']>>) => Promise<T>,
  ): Promise<T> {
    const taskQueue = `fast-${randomBytes(4).toString('hex')}`;
    const worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue,
      workflowBundle: this.workflowBundle,
      interceptors: { workflowModules: workflowInterceptorModules },
      dataConverter: { failureConverterPath },
      activities,
    });
    return worker.runUntil(async () => {
      const handle = await this.env.client.workflow.start(onboardingJourney, {
        workflowId: `${journeyWorkflowId(subscriber.subscriberId)}-${taskQueue}`,
        taskQueue,
        args: [{ subscriber, schedule: calendarDaySchedule }],
      });
      try {
        return await scenario(handle);
      } catch (error) {
        // A journey left running would hold the server's clock still for the next test.
        await handle.terminate('the test failed').catch(() => undefined);
        throw error;
      }
    });
  }
}
