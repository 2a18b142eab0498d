/**
 * The last step of `npm test`: proves the journey tests pass at any hour. The main run reads the wall
 * clock; this one runs the journey tests on the time-skipping server again with its clock moved to the
 * other half of the day (TEST_CLOCK_HOUR: 03:00 Beijing, inside the quiet hours, when the wall clock is
 * outside them; 12:00 when it is inside), so every `npm test` runs them once by day and once by night. A
 * test that depends on the time of day without setting it fails in one of the two. Tests on compressed
 * days need no second run: their quiet hours and month ends are on the business clock
 * (domain/simulated-clock.ts), not the wall clock.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { wallClock, BUSINESS_TIME_ZONE } from '../domain/calendar';
import { defaultSchedule } from '../workflows/schedule';

const root = resolve(__dirname, '..');

/** The journey test files that run on the time-skipping server (their harness names no other `server`). */
async function timeSkippingJourneyTests(): Promise<string[]> {
  const dir = join(root, 'test');
  const files: string[] = [];
  for (const name of (await readdir(dir)).filter((file) => /^journey-.*\.test\.ts$/.test(file)).sort()) {
    const code = await readFile(join(dir, name), 'utf8');
    const harness = /JourneyHarness\.start\(|useApiHarness\(|ApiHarness\.start\(/.test(code);
    if (harness && !/server: '(dev|cluster)'/.test(code)) files.push(join('test', name));
  }
  return files;
}

function otherHalfOfTheDay(now: number): number {
  const { startHour, endHour } = defaultSchedule.quietHours;
  const { hour } = wallClock(now, BUSINESS_TIME_ZONE);
  const quiet = hour >= startHour || hour < endHour;
  return quiet ? 12 : 3;
}

async function main(): Promise<void> {
  const files = await timeSkippingJourneyTests();
  const hour = otherHalfOfTheDay(Date.now());
  process.stdout.write(`time of day: ${files.length} journey test files again at ${hour}:00 Beijing\n`);
  const run = spawnSync(join(root, 'node_modules', '.bin', 'jest'), ['--runTestsByPath', ...files], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TEST_CLOCK_HOUR: String(hour) },
  });
  process.exit(run.status ?? 1);
}

void main();
