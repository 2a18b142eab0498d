import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';

// A 90-day journey outlives many deployments. These histories were recorded from whole journeys
// (docs/architecture.md#changing-the-workflow says which and how); replaying them with today's
// workflow code fails when a change would break journeys already running. Such a change needs patched()
// (docs/architecture.md#changing-the-workflow). They hold no updates
// (docs/known-issues.md#replaying-a-journey-with-staff-updates-can-misorder-an-update-temporal-sdk-core):
// test/upgrade.test.ts guards those.
describe('replay of recorded journey histories', () => {
  const dir = join(__dirname, 'histories');

  it('replays every recorded history with the current workflow code', async () => {
    const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(6);
    const histories = await Promise.all(
      files.map(async (file) => ({
        workflowId: file.replace(/\.json$/, ''),
        history: temporal.api.history.v1.History.fromObject(JSON.parse(await readFile(join(dir, file), 'utf8'))),
      })),
    );
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });

  it('fails on a workflow changed without patching (the test can catch what it guards against)', async () => {
    const file = (await readdir(dir)).find((name) => name.endsWith('.json'))!;
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(await readFile(join(dir, file), 'utf8')));
    const changed = await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/journey-changed-unsafely'),
      logger: new DefaultLogger('WARN'),
    });
    await expect(Worker.runReplayHistory({ workflowBundle: changed }, history)).rejects.toThrow(/[Nn]ondeterminism/);
  });
});
