import type { Client } from '@temporalio/client';
import { decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import type { JourneyReport } from '../api/reports/journey-report';
import type { PrismaClient } from '../platform/database';
import type { JourneyState } from '../workflows/state';
import type { ApiClient } from './api-client';
import type { SimSubscriber } from './population';
import type { ProvinceLedger } from './province';
import type { LoopbackSmsGateway } from './sms-gateway';
import type { StaffLedger } from './staff';

/** A journey as Temporal lists it. */
export interface Execution {
  workflowId: string;
  status: string;
  searchAttributes: Record<string, unknown>;
  /** Each failed workflow task as `<cause>: <message>`, its failure decoded (the worker encodes failure messages). */
  failedWorkflowTasks: string[];
  timedOutWorkflowTasks: number;
  /** When the journey scheduled each marketing SMS (the activity's `ActivityTaskScheduled` time): its decision to send. */
  marketingScheduledAt: number[];
}

/** Everything the checks read after the run: the world's ledgers, the journeys' own states, the rows and the engine. */
export interface Evidence {
  subscribers: SimSubscriber[];
  province: ProvinceLedger;
  staff: StaffLedger;
  states: Map<string, JourneyState>;
  executions: Map<string, Execution>;
  rows: Awaited<ReturnType<typeof readRows>>;
  deliveries: LoopbackSmsGateway['deliveries'];
  gatewayRequests: LoopbackSmsGateway['requests'];
  report: JourneyReport;
  /** Raw (undecoded) histories of a sample of journeys, as Temporal stores them. */
  rawHistories: { workflowId: string; text: string }[];
  capacityOf: Map<string, number>;
}

export async function readRows(prisma: PrismaClient) {
  const [tasks, sms, assignments, audits, journeys, orders] = await Promise.all([
    prisma.task.findMany(),
    prisma.smsMessage.findMany({
      select: {
        idempotencyKey: true,
        subscriberId: true,
        template: true,
        category: true,
        status: true,
        createdAt: true,
      },
    }),
    prisma.vipAssignment.findMany(),
    prisma.auditEvent.findMany({ select: { type: true, subscriberId: true, data: true, idempotencyKey: true } }),
    prisma.journey.findMany({ select: { id: true, subscriberId: true, status: true, moment: true } }),
    prisma.bssOrder.findMany({ select: { id: true, subscriberId: true, status: true, toPlanCode: true } }),
  ]);
  return { tasks, sms, assignments, audits, journeys, orders };
}

/** Gathers the evidence once every journey has ended. */
export async function gatherEvidence(input: {
  subscribers: SimSubscriber[];
  province: ProvinceLedger;
  staff: StaffLedger;
  api: ApiClient;
  activationToken: string;
  supervisorToken: string;
  client: Client;
  prisma: PrismaClient;
  gateway: LoopbackSmsGateway;
  rawSample: number;
}): Promise<Evidence> {
  const states = new Map<string, JourneyState>();
  for (const subscriber of input.subscribers) {
    if (![200, 201].includes(input.province.activations.get(subscriber.subscriberId) ?? 0)) continue;
    const answer = await input.api.call<JourneyState>('GET', `/v1/subscribers/${subscriber.subscriberId}`, {
      token: input.activationToken,
    });
    if (answer.status === 200) states.set(subscriber.subscriberId, answer.body);
  }
  const executions = new Map<string, Execution>();
  const rawHistories: Evidence['rawHistories'] = [];
  for await (const execution of input.client.workflow.list()) {
    const history = await input.client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    const events = history.events ?? [];
    const { EventType } = temporal.api.enums.v1;
    executions.set(execution.workflowId, {
      workflowId: execution.workflowId,
      status: execution.status.name,
      searchAttributes: execution.searchAttributes as Record<string, unknown>,
      failedWorkflowTasks: await Promise.all(
        events
          .filter((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
          .map((event) => describeFailedTask(input.client, event)),
      ),
      timedOutWorkflowTasks: events.filter((event) => event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
        .length,
      marketingScheduledAt: events
        .filter((event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .filter((event) => /^SMS (marketing_vas|promotion_launched)$/.test(summaryOf(event)))
        .map(
          (event) => Number(event.eventTime?.seconds ?? 0) * 1_000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6),
        ),
    });
    if (rawHistories.length < input.rawSample) {
      // Straight from the service, past no codec: what anyone with access to Temporal's storage reads.
      const raw = await input.client.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId: execution.workflowId, runId: execution.runId },
      });
      const text = JSON.stringify(raw.history, (_key, value: unknown) =>
        value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value,
      );
      rawHistories.push({ workflowId: execution.workflowId, text });
    }
  }
  const report = await input.api.call<JourneyReport>('GET', '/v1/reports/journeys', { token: input.supervisorToken });
  const staffRows = await input.prisma.staff.findMany({ select: { id: true, capacity: true } });
  return {
    subscribers: input.subscribers,
    province: input.province,
    staff: input.staff,
    states,
    executions,
    rows: await readRows(input.prisma),
    deliveries: input.gateway.deliveries,
    gatewayRequests: input.gateway.requests,
    report: report.body,
    rawHistories,
    capacityOf: new Map(staffRows.map((row) => [row.id, row.capacity])),
  };
}

/** Why a workflow task failed: the server's cause and the worker's failure, decoded as the Web UI would show it. */
async function describeFailedTask(client: Client, event: temporal.api.history.v1.IHistoryEvent): Promise<string> {
  const attributes = event.workflowTaskFailedEventAttributes;
  const cause = temporal.api.enums.v1.WorkflowTaskFailedCause[attributes?.cause ?? 0] ?? String(attributes?.cause);
  const error = await decodeOptionalFailureToOptionalError(client.options.loadedDataConverter, attributes?.failure);
  const stack = error?.stack?.split('\n').slice(1, 4).join(' | ') ?? '';
  return `${cause}: ${error?.message ?? ''}${stack ? ` (${stack.trim()})` : ''}`;
}

/** The plaintext summary an event carries in its user metadata (the plan's words, docs/architecture.md). */
function summaryOf(event: temporal.api.history.v1.IHistoryEvent): string {
  const data = event.userMetadata?.summary?.data;
  if (!data) return '';
  try {
    return String(JSON.parse(Buffer.from(data).toString('utf8')));
  } catch {
    return '';
  }
}
