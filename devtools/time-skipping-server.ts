import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from '../platform/logger';
import { resolveTestServer } from './temporal-binaries';
import { ensureSearchAttributes } from './temporal-namespace';

/** Installs the SDK runtime with warnings only, once per process (tests and benchmarks run many servers). */
export function quietSdk(): void {
  const flag = globalThis as { sdkRuntimeInstalled?: boolean };
  if (flag.sdkRuntimeInstalled) return;
  flag.sdkRuntimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/**
 * A time-skipping test server (tests and benchmarks only): 90-day timers fire in seconds. Time moves
 * only inside `env.sleep` and while awaiting a workflow result; run such work serially.
 */
export async function startTimeSkippingServer(
  log: Logger,
  dataConverter?: DataConverter,
): Promise<TestWorkflowEnvironment> {
  quietSdk();
  const executable = await resolveTestServer(log);
  for (let attempt = 1; ; attempt++) {
    try {
      const env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable },
        client: { dataConverter },
      });
      await ensureSearchAttributes(env.connection, 'default');
      return env;
    } catch (error) {
      // The SDK gives the server 5 s to answer; the JVM takes longer on a busy machine. Try again.
      if (attempt === 5 || !/did not start within/.test(String(error))) throw error;
      log.warn({ attempt }, 'the time-skipping server was slow to start; starting it again');
    }
  }
}
