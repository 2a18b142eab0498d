/**
 * How the workflow code is bundled, the same for the worker, the tests and the benchmarks.
 *
 * With the SDK's reusable V8 context (the default) every module of the bundle is loaded again for
 * each journey a worker holds in its cache, except the `preloadModules`: those are loaded once, before
 * any journey, frozen, and shared by every journey. The outcome schemas of workflows/tasks.ts alone
 * (zod objects) cost about 0.9 MB per cached journey when each journey builds its own. A module
 * belongs here only if it keeps no state a journey could change and calls no workflow API at load
 * (pure functions, constant data, zod schemas); see docs/performance.md#worker-memory.
 */
export const preloadModules = [
  'zod',
  require.resolve('../domain/vocabulary'),
  require.resolve('../domain/club'),
  // Its Intl formatter cache is then one for all journeys: same time zone, same answers.
  require.resolve('../domain/calendar'),
  require.resolve('../workflows/tasks'),
];

/**
 * Workflow interceptors every worker runs: what the worker's codec refused never reaches a journey
 * (workflows/sealed-messages.ts). `Worker.create()` takes them as `interceptors.workflowModules`.
 */
export const workflowInterceptorModules = [require.resolve('../workflows/sealed-messages')];

/** For `bundleWorkflowCode()`; `Worker.create()` takes `preloadModules` as `bundlerOptions`. */
export const workflowBundlerOptions = { preloadModules, workflowInterceptorModules };
