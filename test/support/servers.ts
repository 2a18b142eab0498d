import type { DataConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createLogger } from '../../platform/logger';
import { resolveDevServer, resolveTestServer } from '../../platform/temporal-binaries';
import { allSearchAttributeKeys } from '../../workflows/search-attributes';

// The one place that chooses the tests' Temporal servers, so the Java time-skipping server (announced
// for deprecation) can be swapped without touching the tests.
const log = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'warn');

function quietSdk(): void {
  // Jest runs the files in one process and the SDK runtime can be installed once per process.
  const flag = globalThis as { sdkRuntimeInstalled?: boolean };
  if (flag.sdkRuntimeInstalled) return;
  flag.sdkRuntimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

/**
 * A time-skipping test server: 90-day timers fire in seconds. Time moves only inside `env.sleep`
 * and while awaiting a workflow result; run such tests serially.
 */
export async function startTimeSkippingServer(dataConverter?: DataConverter): Promise<TestWorkflowEnvironment> {
  quietSdk();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: await resolveTestServer(log) },
    client: { dataConverter },
  });
  const keyword = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(allSearchAttributeKeys.map((key) => [key.name, keyword])),
  });
  return env;
}

/** A real, in-memory Temporal dev server with the journey's search attributes registered. */
export async function startDevServer(dataConverter?: DataConverter): Promise<TestWorkflowEnvironment> {
  quietSdk();
  return TestWorkflowEnvironment.createLocal({
    client: { dataConverter },
    server: {
      executable: await resolveDevServer(log),
      searchAttributes: allSearchAttributeKeys,
      log: { format: 'json', level: 'error' },
    },
  });
}
