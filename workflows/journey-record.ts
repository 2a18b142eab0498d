import { patched } from '@temporalio/workflow';
import type { JourneyRecordWrite } from './activity-contract';
import { activities } from './activity-proxies';
import { patches } from './patches';
import { HOUR_MS } from './schedule';
import type { JourneyState } from './state';

/** The least time between two writes of the record after events. */
const EVENT_WRITE_INTERVAL_MS = HOUR_MS;

/**
 * The journey's record in PostgreSQL (docs/architecture.md#the-journey-record): the state the
 * `journeyState` query answers, written with each moment the journey enters (its last write is the
 * journey's end) and after business events that changed it, so the journey stays readable
 * without its workflow (Temporal's retention removes finished ones) and a finished one is read without
 * replaying it. Each write carries a higher revision: a retried or late write never overwrites a newer
 * one. The state travels in the activity's input, so the history holds a copy per write (encrypted
 * like every payload): a write that would change nothing is skipped.
 */
export class JourneyRecord {
  private revision = 0;
  /** A digest of the last state written: a cached journey keeps a number, not a copy of its state. */
  private written?: number;
  /** When an event last wrote the record (workflow time). */
  private eventWrittenAt?: number;

  constructor(private readonly state: JourneyState) {}

  /**
   * The write to carry in the moment's own activity (no event of its own in the history); journeys
   * from before the record replay the moment's activity as they recorded it (its input is not compared).
   */
  forMoment(): JourneyRecordWrite | undefined {
    return this.next();
  }

  /**
   * Writes the record after a business event, in an activity of its own, at most once an hour: a
   * burst of events (an auto-responder's loop of SMS) adds one write to the history, not one each,
   * and what the hour held reaches the record with the next event after it, the next moment or the
   * end (a running journey is read from its workflow meanwhile). Journeys from before the record
   * replay without it (the patch marker is absent).
   */
  async afterEvent(): Promise<void> {
    if (!patched(patches.journeyRecord.id)) return;
    if (this.eventWrittenAt !== undefined && Date.now() - this.eventWrittenAt < EVENT_WRITE_INTERVAL_MS) return;
    const record = this.next();
    if (!record) return;
    this.eventWrittenAt = Date.now();
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
