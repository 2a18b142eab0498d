import { isCancellation, patched, WorkflowError } from '@temporalio/workflow';
import type { BackgroundWork } from './background-work';
import { DAY_MS } from './schedule';
import type { JourneyState } from './state';
import type { TaskBoard } from './task-board';
import { patches } from './patches';

/** What a boundary needs of its journey. */
export interface BoundaryJourney {
  readonly state: JourneyState;
  readonly tasks: TaskBoard;
  readonly background: BackgroundWork;
  note(kind: string, detail?: Record<string, unknown>): void;
}

/**
 * The boundary of each part of a journey (a moment, one business event, one piece of background
 * work): an unexpected error inside it ends that part alone. The error is recorded on the timeline
 * (`moment_failed`, with its reason), the supervisor gets a `journey_fault` task, and the rest of the
 * journey goes on. Without it, a bug in one moment (a released manager read after a downgrade) fails
 * every workflow task of the journey, and nothing in it happens again.
 *
 * Errors that still stop the journey on purpose (docs/reliability.md#what-stops-a-journey-on-purpose):
 * - a subscriber leaving (cancellation): it is how the journey ends;
 * - the SDK's own errors (`WorkflowError`, nondeterminism among them): the code does not match the
 *   history, so going on would write a history no code replays. The workflow task fails and is retried
 *   until a deployment with the right code (or patch) picks it up, and the journey resumes where it was.
 * - errors of journeys from before this boundary: their histories recorded the failure, and they
 *   replay it (the patch marker is absent).
 */
export async function withinBoundary(
  journey: BoundaryJourney,
  part: string,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (isCancellation(error) || error instanceof WorkflowError || !patched(patches.momentBoundary.id)) throw error;
    reportFault(journey, part, error);
  }
}

/** Records a part's failure and gives the supervisor a task to look into it (beside the journey, not blocking it). */
function reportFault(journey: BoundaryJourney, part: string, error: unknown): void {
  const reason = reasonOf(error);
  const failedAt = new Date().toISOString();
  journey.note('moment_failed', { part, reason });
  const sequence = journey.state.timeline.filter((entry) => entry.kind === 'moment_failed').length;
  // Unguarded: should the supervisor's task itself fail, the journey fails rather than loop.
  journey.background.spawn(() =>
    journey.tasks.run({
      key: `journey_fault:${sequence}`,
      type: 'journey_fault',
      role: 'supervisor',
      deadline: { workingDays: 1 },
      dueAt: Date.now() + DAY_MS,
      payload: { part, reason, failedAt },
    }),
  );
}

/** The error's own words, and its cause's (an activity's failure names what went wrong in its cause). */
function reasonOf(error: unknown): string {
  const words: string[] = [];
  for (let current: unknown = error; current instanceof Error && words.length < 3; current = current.cause) {
    words.push(`${current.name}: ${current.message}`);
  }
  return (words.length > 0 ? words.join(' ← ') : String(error)).slice(0, 500);
}
