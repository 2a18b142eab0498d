import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resultsDir } from '../bench/report';
import type { SimulationReport } from '../simulator/run';
import { startProjectProcess } from '../devtools/project-process';

// A small province run together for its 90 days (docs/simulation.md): `npm run simulate` as anyone runs
// it, the real system on compressed days driven only through its public interfaces by the activation
// system, the BSS, the subscribers' phones and staff bots, with one worker killed on the way. Every
// invariant must hold.
describe('a province simulated for 90 days', () => {
  it(
    '200 subscribers, their staff and one worker kill: every invariant holds',
    async () => {
      const name = `simulation-test-${process.pid}`;
      const run = startProjectProcess('simulator/main.ts', {}, [
        '--subscribers=200',
        '--activation-days=10',
        '--day-seconds=3',
        '--seed=20261201',
        '--faults=worker-kill',
        `--report=${name}`,
      ]);
      const { code } = await run.exited;
      const { figures: report } = JSON.parse(await readFile(join(resultsDir, `${name}.json`), 'utf8')) as {
        figures: SimulationReport;
      };
      const breached = report.invariants.filter((invariant) => !invariant.held);
      expect(breached.map(({ name, examples }) => `${name}: ${examples.join('; ')}`)).toEqual([]);
      expect({ code, stderr: code === 0 ? '' : run.stderr() }).toEqual({ code: 0, stderr: '' });
      expect(report.invariants.length).toBeGreaterThanOrEqual(15);
      expect(report.faultsInjected.map((fault) => fault.kind)).toEqual(['worker-kill']);
      expect(report.figures.journeys).toBeGreaterThanOrEqual(195);
    },
    20 * 60_000,
  );
});
