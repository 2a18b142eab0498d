import { startProjectProcess as startProcess, type ProjectProcess } from '../../devtools/project-process';
import { testMasterKeys } from './keys';

export { freePort, waitForOk, type ProjectProcess } from '../../devtools/project-process';

/**
 * Runs a TypeScript entry point of the project as its own process with exactly `env` (plus PATH, HOME
 * and the tests' master keys unless `env` names its own). No metrics endpoints unless `env` gives
 * their ports: tests run many workers and APIs.
 */
export function startProjectProcess(entry: string, env: Record<string, string>, args: string[] = []): ProjectProcess {
  return startProcess(
    entry,
    { JOURNEY_MASTER_KEYS: testMasterKeys, WORKER_METRICS_PORT: '0', API_METRICS_PORT: '0', ...env },
    args,
  );
}
