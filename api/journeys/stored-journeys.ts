import { journeyRecordBinding, writeJourneyRecord } from '../../activities/journey-record';
import type { PrismaClient } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { ApiError } from '../http/errors';
import type { SealedData } from '../../platform/sealed-data';
import type { Locale, PaymentType, Tier } from '../../domain/vocabulary';
import { journeyWorkflowId, type JourneyState, type Moment, type TimelineEntry } from '../../workflows/state';
import type { JourneyTask, TaskOutcome, TaskStatus, TaskType } from '../../workflows/tasks';

/**
 * Where a journey's state was read (docs/architecture.md#the-journey-record):
 * - `workflow`: the workflow's `journeyState` query (a running journey, as current as it gets);
 * - `record`: the journey's record in PostgreSQL (an ended journey: no replay; or one whose workflow is gone);
 * - `database`: neither remains (a journey that ended before the record existed and whose workflow
 *   Temporal's retention removed): what the rows of PostgreSQL hold, without the timeline's details.
 */
export interface JourneyReadFrom {
  from: 'workflow' | 'record' | 'database';
  /** True when Temporal no longer has the workflow; undefined when Temporal could not be asked. */
  workflowRemoved?: boolean;
  /** When the record read was written. */
  recordedAt?: string;
}

export type JourneyView = JourneyState & { readFrom: JourneyReadFrom };

export interface StoredRecord {
  state: JourneyState;
  recordedAt?: Date;
}

/** The journey's record, opened with the subscriber's data key; undefined when none was written. */
export async function readJourneyRecord(
  prisma: PrismaClient,
  sealed: SealedData,
  subscriberId: string,
): Promise<StoredRecord | undefined> {
  const row = await prisma.journey.findUnique({
    where: { subscriberId },
    select: { id: true, record: true, recordedAt: true },
  });
  if (!row?.record) return undefined;
  const json = await sealed.open(subscriberId, journeyRecordBinding(row.id), row.record);
  return { state: JSON.parse(json) as JourneyState, ...(row.recordedAt ? { recordedAt: row.recordedAt } : {}) };
}

/**
 * Writes the record of a journey that has none from its workflow's state (journeys from before the
 * record, read once while Temporal still has them); the journey's own writes supersede it.
 */
export async function rebuildJourneyRecord(prisma: PrismaClient, sealed: SealedData, state: JourneyState) {
  return writeJourneyRecord(prisma, sealed, { state, revision: 0 });
}

/**
 * The journey as PostgreSQL's rows hold it, for one with neither workflow nor record: the subscriber,
 * the journey's status and moment, its tasks, SMS, tickets, usage and account manager; the timeline
 * only says when tasks opened and ended, what the audit trail recorded and when the journey ended.
 * Undefined without a subscriber row.
 */
export async function journeyFromRows(prisma: PrismaClient, subscriberId: string): Promise<JourneyState | undefined> {
  const subscriber = await prisma.subscriber.findUnique({
    where: { id: subscriberId },
    include: {
      journey: true,
      tasks: { orderBy: [{ availableAt: 'asc' }, { id: 'asc' }] },
      smsMessages: { orderBy: { createdAt: 'asc' } },
      networkTickets: { orderBy: { openedAt: 'asc' } },
      usageRecords: { orderBy: { month: 'asc' } },
      vipAssignments: { where: { endedAt: null }, include: { manager: true } },
    },
  });
  if (!subscriber) return undefined;
  const audit = await prisma.auditEvent.findMany({
    where: { subscriberId },
    orderBy: { at: 'asc' },
    select: { type: true, at: true },
  });
  const { journey } = subscriber;
  const summary = (journey?.summary ?? undefined) as { endReason?: string } | undefined;
  const tasks: JourneyTask[] = subscriber.tasks.map((task) => ({
    id: task.id,
    type: task.type as TaskType,
    role: task.role,
    ...(task.storeId ? { storeId: task.storeId } : {}),
    ...(task.assigneeId ? { assigneeId: task.assigneeId } : {}),
    status: task.status as TaskStatus,
    availableAt: task.availableAt.toISOString(),
    dueAt: task.dueAt.toISOString(),
    ...(task.calendarVersion ? { calendarVersion: task.calendarVersion } : {}),
    ...(task.windowEndsAt ? { windowEndsAt: task.windowEndsAt.toISOString() } : {}),
    ...(task.dueAtWindowEnd ? { dueAtWindowEnd: true } : {}),
    payload: task.payload as Record<string, unknown>,
    attempts: task.attempts as JourneyTask['attempts'],
    maxAttempts: task.maxAttempts,
    ...(task.outcome ? { outcome: task.outcome as unknown as TaskOutcome } : {}),
    ...(task.completedById ? { completedBy: task.completedById } : {}),
    ...(task.escalatedAt ? { escalatedAt: task.escalatedAt.toISOString() } : {}),
    ...(task.endedAt ? { endedAt: task.endedAt.toISOString() } : {}),
    ...(task.endReason ? { endReason: task.endReason } : {}),
    revision: task.revision,
  }));
  const timeline: TimelineEntry[] = [
    ...tasks.flatMap((task) => [
      { at: task.availableAt, kind: 'task_opened', detail: { taskId: task.id, type: task.type } },
      ...(task.endedAt && task.status !== 'open'
        ? [{ at: task.endedAt, kind: `task_${task.status}`, detail: { taskId: task.id, type: task.type } }]
        : []),
    ]),
    ...audit.map((event) => ({ at: event.at.toISOString(), kind: event.type })),
    ...(journey?.endedAt
      ? [{ at: journey.endedAt.toISOString(), kind: 'moment', detail: { moment: journey.status } }]
      : []),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const manager = subscriber.vipAssignments[0];
  return {
    journeyId: journey?.id ?? journeyWorkflowId(subscriberId),
    status: journey?.status ?? 'running',
    moment: (journey?.moment ?? 'activation') as Moment,
    subscriber: {
      subscriberId,
      msisdn: subscriber.msisdn ?? '',
      name: subscriber.name ?? '',
      ...(subscriber.address ? { address: subscriber.address } : {}),
      ...(subscriber.idNumberLast4 ? { idNumberLast4: subscriber.idNumberLast4 } : {}),
      activatedAt: subscriber.activatedAt.toISOString(),
      storeId: subscriber.storeId,
      planCode: subscriber.planCode,
      paymentType: subscriber.paymentType as PaymentType,
      tier: subscriber.tier as Tier,
      portIn: subscriber.portIn,
      ...(subscriber.previousMsisdn ? { previousMsisdn: subscriber.previousMsisdn } : {}),
      dnd: subscriber.dnd,
      locale: localeOf(subscriber.activation),
    },
    tier: subscriber.tier as Tier,
    dnd: subscriber.dnd,
    ...(manager
      ? {
          accountManager: {
            staffId: manager.managerId,
            name: manager.manager.displayName,
            assignedAt: manager.assignedAt.toISOString(),
          },
        }
      : {}),
    firstPaymentDueAt: (subscriber.firstPaymentDueAt ?? subscriber.activatedAt).toISOString(),
    usage: subscriber.usageRecords.map(({ month, voiceMinutes, dataMB, sms }) => ({
      month,
      voiceMinutes,
      dataMB,
      sms,
    })),
    tasks,
    sms: subscriber.smsMessages.map((sms) => ({
      idempotencyKey: sms.idempotencyKey,
      template: sms.template,
      category: sms.category,
      at: (sms.sentAt ?? sms.createdAt).toISOString(),
    })),
    networkTickets: subscriber.networkTickets.map((ticket) => ({ ticketId: ticket.id, status: ticket.status })),
    timeline,
    ...(journey?.endedAt ? { endedAt: journey.endedAt.toISOString() } : {}),
    ...(summary?.endReason ? { endReason: summary.endReason } : {}),
  };
}

function localeOf(activation: unknown): Locale {
  const locale = (activation as { locale?: unknown } | null)?.locale;
  return locale === 'en' ? 'en' : 'zh-CN';
}

/**
 * Builds the record of every journey that has none (journeys from before the record, after an
 * upgrade), by reading each once through `read` (JourneyService.state, which records what the
 * workflow answers): a pass at the API's start, so journeys Temporal's retention would remove before
 * anyone opens them keep their record. A journey whose worker did not answer (503) is tried again on
 * the next pass, `retryMs` later; one whose workflow is gone keeps what PostgreSQL holds. Answers a
 * function that stops it.
 */
export function rebuildMissingRecords(
  prisma: PrismaClient,
  read: (subscriberId: string) => Promise<JourneyView>,
  log: Logger,
  retryMs = 60_000,
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tried = new Set<string>();
  const pass = async () => {
    let unanswered = 0;
    try {
      const missing = await prisma.journey.findMany({
        where: { record: null, subscriber: { erasedAt: null } },
        orderBy: { startedAt: 'asc' },
        select: { subscriberId: true },
      });
      let rebuilt = 0;
      for (const { subscriberId } of missing) {
        if (stopped) return;
        if (tried.has(subscriberId)) continue;
        try {
          if ((await read(subscriberId)).readFrom.from === 'workflow') rebuilt += 1;
          tried.add(subscriberId);
        } catch (error) {
          // Gone (404) or erased (410): nothing to record; anything else (no worker, Temporal away): later.
          if (error instanceof ApiError && error.status !== 503) tried.add(subscriberId);
          else unanswered += 1;
        }
      }
      if (missing.length > 0)
        log.info({ journeys: rebuilt, unanswered }, 'journey records rebuilt from their workflows');
    } catch (error) {
      log.error({ err: error }, 'journey records could not be rebuilt; the next pass tries again');
      unanswered += 1;
    }
    if (unanswered > 0 && !stopped) timer = setTimeout(() => void pass(), retryMs).unref();
  };
  void pass();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
