import type { Logger } from '../../platform/logger';
import { erasePersonalData, type ErasureDependencies } from './erasure';

const DAY_MS = 86_400_000;

/** How many journeys one pass erases at most: a large backlog (the policy switched on) goes in several. */
const BATCH = 200;

/**
 * The personal-data retention policy (PIPL, `PERSONAL_DATA_RETENTION_DAYS`): the personal data of a
 * subscriber whose journey ended `retentionDays` ago or more is erased as an erasure on request
 * erases it — the data key destroyed, the plain fields cleared, the journey's record dropped — audited
 * with the retention-policy actor. What reports count stays. Answers the subscribers erased; one
 * whose erasure failed is told to `onFailure` and tried again by the next pass.
 */
export async function expirePersonalData(
  deps: ErasureDependencies,
  retentionDays: number,
  now = new Date(),
  onFailure?: (subscriberId: string, error: unknown) => void,
): Promise<string[]> {
  if (retentionDays <= 0) return [];
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const due = await deps.prisma.journey.findMany({
    where: { status: { not: 'running' }, endedAt: { lte: cutoff }, subscriber: { erasedAt: null } },
    orderBy: { endedAt: 'asc' },
    take: BATCH,
    select: { subscriberId: true },
  });
  const reason = `personal data kept ${retentionDays} days after the journey ended (PERSONAL_DATA_RETENTION_DAYS)`;
  const erased: string[] = [];
  for (const { subscriberId } of due) {
    try {
      await erasePersonalData(deps, subscriberId, { policy: 'retention', retentionDays }, reason);
      erased.push(subscriberId);
    } catch (error) {
      // One that cannot be erased now (Temporal away while its launch promise runs) holds up no other.
      onFailure?.(subscriberId, error);
    }
  }
  return erased;
}

/**
 * Runs the policy now and then every `everyMs` in the API process; a pass that fails (the database
 * away) is logged and the next one tries again. Answers a function that stops it.
 */
export function keepRetentionPolicy(
  deps: ErasureDependencies,
  retentionDays: number,
  log: Logger,
  everyMs = 3_600_000,
): () => void {
  if (retentionDays <= 0) return () => undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const pass = async () => {
    try {
      for (;;) {
        const erased = await expirePersonalData(deps, retentionDays, new Date(), (subscriberId, error) =>
          log.warn(
            { subscriberId, err: error },
            'personal data past its retention not erased yet; the next pass tries again',
          ),
        );
        if (erased.length > 0)
          log.info({ erased: erased.length, retentionDays }, 'personal data past its retention erased');
        // Only a batch erased in full may have more behind it.
        if (erased.length < BATCH || stopped) break;
      }
    } catch (error) {
      log.error({ err: error }, 'the retention policy could not run; it tries again at its next pass');
    }
    if (!stopped) timer = setTimeout(() => void pass(), everyMs).unref();
  };
  void pass();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
