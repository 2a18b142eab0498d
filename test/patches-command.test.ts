import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { patchStandings } from '../scripts/patches';
import { patches } from '../workflows/patches';
import { eventually, JourneyHarness } from './support/journey-harness';

// `npm run patches` on a real dev server: a journey from before a patch (a worker that does not take
// it, as the released code did not) keeps the patch where it is; once only journeys with its marker,
// or started after it, are running, the patch may move on.

const rounds = patches.vipServiceRounds;
const today = () => new Date().toISOString().slice(0, 10);

describe('npm run patches', () => {
  let harness: JourneyHarness;

  beforeAll(async () => {
    harness = await JourneyHarness.start({
      server: 'dev',
      patchActivationCallback: ({ workflowInfo, patchId }) =>
        !(patchId === rounds.id && workflowInfo.workflowId.includes('PREPATCH')),
    });
    // Every journey asks for VIP service in rounds in its first workflow task.
    for (const subscriberId of [`PREPATCH-${Date.now()}`, `PATCHED-${Date.now()}`]) {
      const handle = await harness.startJourney(await harness.activation({ subscriberId }));
      await eventually(async () => {
        const { events } = await handle.fetchHistory();
        if (!events?.some((event) => event.workflowTaskCompletedEventAttributes)) throw new Error('no task done yet');
      }, 30_000);
    }
  }, 120_000);

  afterAll(() => harness?.stop());

  it('keeps a patch that a running journey from before took the old branch of', async () => {
    // Visibility follows the histories within a second or so.
    const [standing] = await eventually(async () => {
      const found = await patchStandings(harness.env.client, { rounds: { ...rounds, shipped: today() } });
      if (found[0]?.journeys !== 1) throw new Error(`counted ${found[0]?.journeys}`);
      return found;
    }, 15_000);
    expect(standing).toMatchObject({ id: rounds.id, stage: 'patched', journeys: 1, next: 'keep' });
  });

  it('moves a patch on when every running journey started after it', async () => {
    const [standing] = await patchStandings(harness.env.client, { rounds: { ...rounds, shipped: '2026-01-05' } });
    expect(standing).toMatchObject({ journeys: 0, next: 'deprecate' });
  });

  it('keeps a deprecated patch while a journey from before the deprecation carries its marker', async () => {
    const deprecated = { ...rounds, shipped: '2026-01-05' };
    expect(await patchStandings(harness.env.client, { rounds: { ...deprecated, deprecated: today() } })).toEqual([
      expect.objectContaining({ stage: 'deprecated', journeys: 1, next: 'keep' }),
    ]);
    expect(await patchStandings(harness.env.client, { rounds: { ...deprecated, deprecated: '2026-01-06' } })).toEqual([
      expect.objectContaining({ stage: 'deprecated', journeys: 0, next: 'delete' }),
    ]);
  });

  it('prints a line for every patch of the ledger', async () => {
    const { stdout } = await promisify(execFile)(
      join(__dirname, '..', 'node_modules', '.bin', 'tsx'),
      [join(__dirname, '..', 'scripts', 'patches.ts')],
      { env: { ...process.env, TEMPORAL_ADDRESS: harness.env.address, TEMPORAL_NAMESPACE: 'default' } },
    );
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^patch +stage +journeys +next +why$/);
    expect(lines.slice(1).map((line) => line.split(/ +/)[0])).toEqual(Object.values(patches).map((patch) => patch.id));
    // The welcome beside the registration shipped days before both journeys started: neither counts,
    // though neither reached its point (the harness's activations bring no plan).
    const welcome = patches.welcomeBesideRegistration.id;
    expect(lines.find((line) => line.startsWith(`${welcome} `))).toMatch(/ 0 +deprecate /);
  }, 60_000);
});
