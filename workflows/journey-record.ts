import { patched } from '@temporalio/workflow';
import type { JourneyRecordWrite } from '../activities/journey-record';
import { activities } from './activity-proxies';
import type { JourneyState } from './state';

/**
 * The journey's record in PostgreSQL (docs/architecture.md#the-journey-record): the state the
 * `journeyState` query answers, written with each moment the journey enters (its last write is the
 * journey's end) and after each business event that changed it, so the journey stays readable
 * without its workflow (Temporal's retention removes finished ones) and a finished one is read without
 * replaying it. Each write carries a higher revision: a retried or late write never overwrites a newer
 * one. The state travels in the activity's input, so the history holds a copy per write (encrypted
 * like every payload): a write that would change nothing is skipped.
 */
export class JourneyRecord {
  private revision = 0;
  /** A digest of the last state written: a cached journey keeps a number, not a copy of its state. */
  private written?: number;

  constructor(private readonly state: JourneyState) {}

  /**
   * The write to carry in the moment's own activity (no event of its own in the history); journeys
   * from before the record replay the moment's activity as they recorded it (its input is not compared).
   */
  forMoment(): JourneyRecordWrite | undefined {
    return this.next();
  }

  /**
   * Writes the record after a business event, in an activity of its own: journeys from before the
   * record replay without it (the patch marker is absent).
   */
  async afterEvent(): Promise<void> {
    if (!patched('journey-record')) return;
    const record = this.next();
    if (!record) return;
    await activities.recordJourneyState.executeWithOptions({ summary: "record the journey's state" }, [record]);
  }

  private next(): JourneyRecordWrite | undefined {
    const seen = fingerprint(this.state);
    if (seen === this.written) return undefined;
    this.written = seen;
    this.revision += 1;
    return { state: this.state, revision: this.revision };
  }
}

/** FNV-1a of the state's JSON. A collision skips one write; the next change writes again. */
function fingerprint(state: JourneyState): number {
  const json = JSON.stringify(state);
  let hash = 0x811c9dc5;
  for (let index = 0; index < json.length; index += 1) {
    hash ^= json.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
