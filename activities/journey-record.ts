import type { PrismaClient } from '../platform/database';
import type { SealedData } from '../platform/sealed-data';
import type { JourneyRecordWrite } from '../workflows/activity-contract';
import type { Moment } from '../workflows/state';

/**
 * Activities that keep the journey's record (docs/architecture.md#the-journey-record): the state the
 * `journeyState` query answers, sealed with the subscriber's data key, so the journey stays readable
 * after Temporal's retention removed its workflow and an erasure leaves it unreadable.
 */
export function createJourneyRecordActivities(prisma: PrismaClient, sealed: SealedData) {
  return {
    /**
     * Records the moment the journey entered and, from journeys that keep a record, its state: the
     * record rides on an activity every moment has, so it adds no event to the history.
     */
    async recordMoment({
      journeyId,
      moment,
      record,
    }: {
      journeyId: string;
      moment: Moment;
      record?: JourneyRecordWrite;
    }): Promise<void> {
      await prisma.journey.update({ where: { id: journeyId }, data: { moment } });
      if (record) await writeJourneyRecord(prisma, sealed, record);
    },

    /** Records the journey's state after a business event changed it. */
    async recordJourneyState(record: JourneyRecordWrite): Promise<void> {
      await writeJourneyRecord(prisma, sealed, record);
    },
  };
}

/** What binds a sealed record to its journey: a record copied onto another journey's row does not open. */
export function journeyRecordBinding(journeyId: string): string {
  return `journey-record:${journeyId}`;
}

/**
 * Writes the record unless one of the same or a newer revision is there (a retry, or a write that
 * arrived late). Revision 0 is a record rebuilt from the workflow's query (api/journeys/stored-journeys.ts):
 * it is written only where there is none.
 */
export async function writeJourneyRecord(
  prisma: PrismaClient,
  sealed: SealedData,
  { state, revision }: JourneyRecordWrite,
): Promise<boolean> {
  const { journeyId } = state;
  const record = await sealed.seal(
    state.subscriber.subscriberId,
    journeyRecordBinding(journeyId),
    JSON.stringify(state),
  );
  const { count } = await prisma.journey.updateMany({
    where: revision > 0 ? { id: journeyId, recordRevision: { lt: revision } } : { id: journeyId, record: null },
    data: { record, recordRevision: revision, recordedAt: new Date() },
  });
  return count > 0;
}
