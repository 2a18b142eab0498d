/**
 * `npm run patches`: for each patch of the ledger (workflows/patches.ts), how many running journeys
 * may still take its old branch, asked of the configured Temporal, and the step the patch may take
 * next (docs/architecture.md#retiring-a-patch). Read-only: it counts, it changes nothing.
 */
import type { Client } from '@temporalio/client';
import { loadConfig } from '../platform/config';
import { runMain } from '../platform/main';
import { connectClient } from '../platform/temporal';
import { patches, type Patch } from '../workflows/patches';

export interface PatchStanding {
  id: string;
  stage: 'patched' | 'deprecated';
  /** Running journeys that may still need the older code: see {@link patchStandings}. */
  journeys: number;
  next: 'keep' | 'deprecate' | 'delete';
  why: string;
}

/**
 * The first instant after `day` (a date of the ledger) everywhere on Earth: a journey started before
 * it may have run code without the step, whatever the time zone of the day's deployment.
 */
function dayOver(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 36 * 3_600_000).toISOString();
}

/**
 * A patch's old branch is taken by a journey that passed its point before the patch was deployed: its
 * history has no marker, and the search attribute `TemporalChangeVersion` (the ids of the markers a
 * journey recorded) lacks the id. So a `patched()` waits for the running journeys started by its day
 * that lack it (an over-count: some of them will reach the point and take the new branch). A
 * `deprecatePatch()` waits for the running journeys started by its deprecation day that carry it:
 * their marker came from `patched()`, which a deleted call no longer matches.
 */
export async function patchStandings(client: Client, ledger: Record<string, Patch>): Promise<PatchStanding[]> {
  const count = async (query: string) =>
    (await client.workflow.count(`WorkflowType = "onboardingJourney" AND ExecutionStatus = "Running" AND ${query}`))
      .count;
  const standings: PatchStanding[] = [];
  for (const patch of Object.values(ledger)) {
    const marked = `TemporalChangeVersion = "${patch.id}"`;
    if (patch.deprecated === undefined) {
      const before = `StartTime < "${dayOver(patch.shipped)}"`;
      // Two counts rather than `!=`: a journey that recorded no marker at all has no value to compare.
      const journeys = (await count(before)) - (await count(`${before} AND ${marked}`));
      standings.push({
        id: patch.id,
        stage: 'patched',
        journeys,
        next: journeys === 0 ? 'deprecate' : 'keep',
        why:
          journeys === 0
            ? `no running journey started by ${patch.shipped} lacks its marker: deprecatePatch()`
            : `${journeys} running journeys started by ${patch.shipped} lack its marker and may take the old branch`,
      });
    } else {
      const journeys = await count(`StartTime < "${dayOver(patch.deprecated)}" AND ${marked}`);
      standings.push({
        id: patch.id,
        stage: 'deprecated',
        journeys,
        next: journeys === 0 ? 'delete' : 'keep',
        why:
          journeys === 0
            ? `no running journey started by ${patch.deprecated} carries its marker: delete the call`
            : `${journeys} running journeys started by ${patch.deprecated} carry the marker of patched()`,
      });
    }
  }
  return standings;
}

/** One line a patch, aligned, for people. */
export function formatStandings(standings: PatchStanding[]): string {
  const width = Math.max(...standings.map((standing) => standing.id.length));
  const rows = standings.map(
    (standing) =>
      `${standing.id.padEnd(width)}  ${standing.stage.padEnd(10)}  ${String(standing.journeys).padStart(8)}  ${standing.next.padEnd(9)}  ${standing.why}`,
  );
  return [`${'patch'.padEnd(width)}  ${'stage'.padEnd(10)}  journeys  next       why`, ...rows].join('\n');
}

if (require.main === module) {
  runMain('patches', async () => {
    const config = loadConfig();
    // Counts carry no payload: the default converter will do.
    const client = await connectClient(config, {});
    try {
      process.stdout.write(`${formatStandings(await patchStandings(client, patches))}\n`);
    } finally {
      await client.connection.close();
    }
  });
}
