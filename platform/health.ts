/** The answer of a readiness probe: one entry per dependency, so an operator sees which one is down. */
export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: true } | { ok: false; error: string }>;
}

/** A named dependency check; it resolves when the dependency answers and rejects otherwise. */
export type ReadinessChecks = Record<string, () => Promise<unknown>>;

/**
 * Runs every check in parallel, each bounded by `timeoutMs`, so a hung dependency makes the probe
 * answer "not ready" instead of hanging the prober.
 */
export async function checkReadiness(checks: ReadinessChecks, timeoutMs = 2_000): Promise<Readiness> {
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
        return [name, { ok: true as const }] as const;
      } catch (error) {
        return [name, { ok: false as const, error: error instanceof Error ? error.message : String(error) }] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ready: entries.every(([, result]) => result.ok), checks: Object.fromEntries(entries) };
}
