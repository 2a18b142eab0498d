import { activities } from '../activity-proxies';
import type { RunningJourney } from '../running-journey';
import type { JourneySummary, Moment } from '../state';
import { taskStatuses, type TaskStatus } from '../tasks';

/**
 * M6 — journey end, day 90 (or when the subscriber leaves): open tasks expire (or are cancelled),
 * the summary is recorded and becomes the workflow's result.
 */
export async function endJourney(journey: RunningJourney): Promise<JourneySummary> {
  const left = journey.leftReason !== undefined;
  const endReason = left
    ? `subscriber left: ${journey.leftReason}`
    : `journey ended at day ${journey.schedule.journeyDays}`;
  await journey.tasks.escalationsTold();
  const smsUnderWay = journey.sms.settled();
  if (smsUnderWay) await smsUnderWay;
  await journey.tasks.flushChanges();
  for (const task of journey.tasks.openTasks())
    await journey.tasks.end(task, left ? 'cancelled' : 'expired', endReason);

  const { state } = journey;
  state.status = left ? 'cancelled' : 'completed';
  state.endedAt = new Date().toISOString();
  state.endReason = endReason;
  await journey.enterMoment(state.status);

  const summary = summarize(journey, endReason, state.endedAt);
  await activities.recordJourneyEnd.executeWithOptions({ summary: `journey ${summary.status}: record its summary` }, [
    { journeyId: state.journeyId, status: summary.status, summary },
  ]);
  return summary;
}

function summarize(journey: RunningJourney, endReason: string, endedAt: string): JourneySummary {
  const { state } = journey;
  const tasksByStatus = Object.fromEntries(taskStatuses.map((status) => [status, 0])) as Record<TaskStatus, number>;
  for (const task of state.tasks) tasksByStatus[task.status] += 1;
  const momentsReached = state.timeline.flatMap((entry) =>
    entry.kind === 'moment' && entry.detail ? [entry.detail.moment as Moment] : [],
  );
  return {
    journeyId: state.journeyId,
    subscriberId: journey.subscriberId,
    status: state.status === 'cancelled' ? 'cancelled' : 'completed',
    endReason,
    endedAt,
    momentsReached: ['activation', ...momentsReached.filter((moment) => moment !== 'activation')],
    tier: state.tier,
    tasks: state.tasks.map((task) => ({
      id: task.id,
      type: task.type,
      status: task.status,
      escalated: task.escalatedAt !== undefined,
      ...(task.outcome ? { outcome: task.outcome } : {}),
    })),
    tasksByStatus,
    slaBreaches: state.tasks.flatMap(({ id, type, dueAt, escalatedAt }) =>
      escalatedAt ? [{ taskId: id, type, dueAt, escalatedAt }] : [],
    ),
    smsSent: state.sms.length,
  };
}
