import type { Logger } from './logger';

/**
 * The answer of a readiness probe: one entry per dependency, so an operator sees which one is down.
 * It never says why: the probe is public and driver errors name hosts, users and versions; the
 * reason goes to the log.
 */
export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean }>;
}

/** A named dependency check; it resolves when the dependency answers and rejects otherwise. */
export type ReadinessChecks = Record<string, () => Promise<unknown>>;

/**
 * Runs every check in parallel, each bounded by `timeoutMs`, so a hung dependency makes the probe
 * answer "not ready" instead of hanging the prober. Each failure is logged with its reason.
 */
export async function checkReadiness(checks: ReadinessChecks, log: Logger, timeoutMs = 2_000): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [name, { ok: true }] as const;
      } catch (error) {
        log.warn({ check: name, reason: error instanceof Error ? error.message : String(error) }, 'not ready');
        return [name, { ok: false }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: entries.every(([, result]) => result.ok), checks: Object.fromEntries(entries) };
}
