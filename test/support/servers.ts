import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLogger } from '../../platform/logger';
import { resolveDevServer, resolveTestServer } from '../../platform/temporal-binaries';
import { allSearchAttributeKeys } from '../../workflows/search-attributes';

// The one place that chooses the tests' Temporal servers, so the Java time-skipping server (announced
// for deprecation) can be swapped without touching the tests.
const log = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'warn');

/** A time-skipping test server: 90-day timers fire in seconds. Run such tests serially. */
export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: await resolveTestServer(log) } });
}

/** A real, in-memory Temporal dev server with the journey's search attributes registered. */
export async function startDevServer(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: await resolveDevServer(log),
      searchAttributes: allSearchAttributeKeys,
      log: { format: 'json', level: 'error' },
    },
  });
}
