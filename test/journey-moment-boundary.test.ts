import { ApplicationFailure } from '@temporalio/common';
import { tierChanged, usageReported } from '../workflows/messages';
import { JourneyHarness, staff } from './support/journey-harness';

// An unexpected error in one part of a journey ends that part alone (workflows/moment-boundary.ts):
// it is recorded with its reason, the supervisor gets a task, and every other part goes on. The
// faults are real activities replaced by ones that fail as a broken dependency would.
describe('a part of the journey that fails', () => {
  let harness: JourneyHarness;
  beforeAll(async () => {
    harness = await JourneyHarness.start({
      faults: {
        recommendServices: async () => {
          throw ApplicationFailure.nonRetryable('the ranking model is unavailable', 'RankingUnavailable');
        },
        recordUsage: async () => {
          throw ApplicationFailure.nonRetryable('usage store rejected the month', 'UsageRejected');
        },
      },
    });
  });
  afterAll(() => harness?.stop());

  it('the day-30 recommendation fails: recorded with its reason, the supervisor gets a task, the journey goes on to its end', async () => {
    const handle = await harness.startJourney(await harness.activation());
    await harness.advance(30);
    const failed = await harness.until(handle, (s) => s.timeline.some((entry) => entry.kind === 'moment_failed'));
    const entry = failed.timeline.find((candidate) => candidate.kind === 'moment_failed');
    expect(entry?.detail).toMatchObject({ part: 'service_recommendation' });
    expect(String(entry?.detail?.reason)).toContain('the ranking model is unavailable');

    const fault = await harness.task(handle, 'journey_fault');
    expect(fault).toMatchObject({ role: 'supervisor', payload: { part: 'service_recommendation' } });
    const row = await harness.prisma.task.findUniqueOrThrow({ where: { id: fault.id } });
    expect(row).toMatchObject({ role: 'supervisor', status: 'open', type: 'journey_fault' });
    await harness.complete(handle, 'journey_fault', staff.supervisor, {
      result: 'resolved',
      note: '已人工外呼推荐，并通知技术人员',
    });

    const summary = await handle.result();
    expect(summary.status).toBe('completed');
    expect(summary.tasks.find((task) => task.type === 'journey_fault')?.status).toBe('completed');
    expect(await harness.failedWorkflowTasks(handle)).toEqual([]);
  });

  it('an event that fails is reported and the next event is handled', async () => {
    const handle = await harness.startJourney(await harness.activation());
    await handle.signal(usageReported, { month: '2026-12', voiceMinutes: 10, dataMB: 10, sms: 1 });
    await handle.signal(tierChanged, { tier: 'gold' });
    const state = await harness.until(handle, (s) => s.accountManager !== undefined);
    expect(state.timeline.find((entry) => entry.kind === 'moment_failed')?.detail).toMatchObject({
      part: 'event_usageReported',
    });
    expect(state.tier).toBe('gold');
    await harness.task(handle, 'journey_fault');
    expect(await harness.failedWorkflowTasks(handle)).toEqual([]);
    await harness.leave(handle);
  });
});
