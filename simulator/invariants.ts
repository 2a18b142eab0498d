// Longer than ~250 lines on purpose: every invariant of the simulation is one entry of this list, each
// reading the evidence its own way; adding one is adding an entry (docs/simulation.md#adding-an-invariant).
import { BUSINESS_TIME_ZONE, wallClock } from '../domain/calendar';
import { isVip, type Tier } from '../domain/vocabulary';
import type { JourneyState } from '../workflows/state';
import type { JourneyTask } from '../workflows/tasks';
import type { SimClock } from './clock';
import type { Evidence } from './evidence';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/**
 * How late after its decision the system may carry out a timed act (an activity's round trip), in real
 * milliseconds. Compressed days magnify it (100 ms is an hour and a quarter of a 2-second day), so the
 * checks of business-clock instants allow it, and no more.
 */
export const SYSTEM_LATENCY_MS = 100;

/** One invariant: a name for the report's line, and what breaks it (empty: it held). */
export interface Invariant {
  name: string;
  check(evidence: Evidence, clock: SimClock): string[];
}

export interface InvariantResult {
  name: string;
  held: boolean;
  breaches: number;
  examples: string[];
}

export function checkInvariants(evidence: Evidence, clock: SimClock): InvariantResult[] {
  return invariants.map(({ name, check }) => {
    let breaches: string[];
    try {
      breaches = check(evidence, clock);
    } catch (error) {
      breaches = [`the check itself failed: ${(error as Error).message}`];
    }
    return { name, held: breaches.length === 0, breaches: breaches.length, examples: breaches.slice(0, 5) };
  });
}

const journeyId = (subscriberId: string) => `journey-${subscriberId}`;
const states = (evidence: Evidence) => [...evidence.states.values()];
const entries = (state: JourneyState, kind: string) => state.timeline.filter((entry) => entry.kind === kind);
const at = (iso: string | undefined) => (iso ? Date.parse(iso) : NaN);

/** The tier and DND of a journey at `instant`, replayed from its timeline. */
function conditionAt(state: JourneyState, instant: number): { tier: Tier; dnd: boolean } {
  let tier = state.subscriber.tier;
  let dnd = state.subscriber.dnd ?? tier === 'diamond';
  for (const entry of state.timeline) {
    if (at(entry.at) > instant) break;
    if (entry.kind === 'tier_changed') tier = entry.detail?.to as Tier;
    if (entry.kind === 'dnd_changed') dnd = entry.detail?.on === true;
  }
  return { tier, dnd };
}

/**
 * Which plan window a task must fall due in (docs/plan.md), as the earliest and latest due time in real
 * instants (a day of the journey lasts what the clock's day does); undefined: none set.
 */
function windowOf(
  task: JourneyTask,
  state: JourneyState,
  clock: SimClock,
  assignedAts: readonly number[],
): { from: number; to: number } | undefined {
  const start = at(state.subscriber.activatedAt);
  const day = (n: number) => start + clock.realSpan(n * DAY);
  switch (task.type) {
    case 'onboarding_coaching':
      return { from: start, to: day(3) };
    case 'first_followup_call':
      return { from: day(4), to: day(10) };
    case 'vas_telemarketing':
    case 'vip_service_recommendation':
      return { from: day(30), to: day(60) };
    case 'plan_fit_consultation':
      return { from: day(60), to: day(90) };
    case 'payment_reminder_call':
      return { from: start, to: at(state.firstPaymentDueAt) };
    case 'vip_first_call': {
      // Within 7 days of the assignment the call belongs to (the last one before it opened), as the
      // assignment dated itself: the journey notes it only once the activity has answered.
      const assigned = assignedAts.filter((instant) => instant <= at(task.availableAt)).at(-1);
      return assigned === undefined ? undefined : { from: assigned, to: assigned + clock.realSpan(7 * DAY) };
    }
    case 'hotline_callback': {
      const hangup = at(task.payload.hangupAt as string);
      return { from: hangup, to: hangup + clock.realSpan(2 * HOUR) };
    }
    default:
      return undefined;
  }
}

const invariants: Invariant[] = [
  {
    name: 'no workflow task failed',
    check: (evidence) =>
      [...evidence.executions.values()]
        .filter((execution) => execution.failedWorkflowTasks.length > 0)
        .map((execution) => `${execution.workflowId}: ${execution.failedWorkflowTasks[0]}`),
  },
  {
    name: 'every journey ended, by day 90 or when its subscriber left',
    check: (evidence) => {
      const breaches: string[] = [];
      for (const execution of evidence.executions.values())
        if (execution.status !== 'COMPLETED') breaches.push(`${execution.workflowId} is ${execution.status}`);
      for (const state of states(evidence)) {
        const limit = at(state.subscriber.activatedAt) + 91 * DAY;
        if (state.status === 'running') breaches.push(`${state.journeyId} still running`);
        else if (state.status === 'completed' && at(state.endedAt) > limit)
          breaches.push(`${state.journeyId} ended ${((at(state.endedAt) - limit) / DAY).toFixed(1)} days after day 91`);
      }
      return breaches;
    },
  },
  {
    name: 'every accepted activation has exactly one journey',
    check: (evidence) => {
      const breaches: string[] = [];
      const accepted = [...evidence.province.activations].filter(([, status]) => status === 201 || status === 200);
      for (const [subscriberId] of accepted)
        if (!evidence.executions.has(journeyId(subscriberId))) breaches.push(`${subscriberId}: no journey`);
      const acceptedIds = new Set(accepted.map(([id]) => journeyId(id)));
      for (const workflowId of evidence.executions.keys())
        if (!acceptedIds.has(workflowId)) breaches.push(`${workflowId}: a journey nobody's activation started`);
      const rows = new Map<string, number>();
      for (const row of evidence.rows.journeys) rows.set(row.subscriberId, (rows.get(row.subscriberId) ?? 0) + 1);
      for (const [subscriberId] of accepted)
        if (rows.get(subscriberId) !== 1) breaches.push(`${subscriberId}: ${rows.get(subscriberId) ?? 0} journey rows`);
      return breaches;
    },
  },
  {
    name: 'every SMS of a journey reached the gateway exactly once',
    check: (evidence) => {
      const breaches: string[] = [];
      const journeySms = new Set<string>();
      for (const state of states(evidence))
        for (const sms of state.sms) {
          journeySms.add(sms.idempotencyKey);
          if (!evidence.deliveries.has(sms.idempotencyKey)) breaches.push(`${sms.idempotencyKey}: never delivered`);
        }
      for (const key of evidence.deliveries.keys())
        if (!journeySms.has(key)) breaches.push(`${key}: delivered but no journey sent it`);
      for (const row of evidence.rows.sms)
        if (row.status !== 'sent') breaches.push(`${row.idempotencyKey}: outbox row ${row.status}`);
      return breaches;
    },
  },
  {
    name: 'no marketing to a do-not-disturb or diamond customer',
    check: (evidence) => {
      const breaches: string[] = [];
      for (const state of states(evidence)) {
        // Judged when the journey decided: a DND arriving while an SMS is already on its way cannot stop it.
        for (const scheduled of evidence.executions.get(state.journeyId)?.marketingScheduledAt ?? []) {
          const { tier, dnd } = conditionAt(state, scheduled - SYSTEM_LATENCY_MS);
          if (dnd || tier === 'diamond')
            breaches.push(
              `${state.journeyId}: marketing SMS at ${new Date(scheduled).toISOString()} while ${dnd ? 'DND' : 'diamond'}`,
            );
        }
        // Judged when the call was opened (the journey decided) and at each try and completion (staff called).
        for (const task of state.tasks.filter((candidate) => candidate.type === 'vas_telemarketing')) {
          const openedAt =
            state.timeline.find((entry) => entry.kind === 'task_opened' && entry.detail?.taskId === task.id)?.at ??
            task.availableAt;
          // A call whose inbox row was being written when DND came is cancelled before anyone tried it.
          const stoppedUntried =
            task.status === 'cancelled' && task.endReason === 'do-not-disturb' && task.attempts.length === 0;
          const contacts = [
            ...(stoppedUntried ? [] : [{ what: 'opened', instant: openedAt }]),
            ...task.attempts.map((attempt) => ({ what: 'tried', instant: attempt.at })),
            ...(task.status === 'completed' && task.endedAt ? [{ what: 'completed', instant: task.endedAt }] : []),
          ];
          for (const { what, instant } of contacts) {
            // As it stood before the contact: a customer asking for DND on the call is noted at its end.
            const { tier, dnd } = conditionAt(state, at(instant) - 1);
            if (dnd || tier === 'diamond')
              breaches.push(`${state.journeyId}: telemarketing ${what} while ${dnd ? 'DND' : 'diamond'}`);
          }
        }
      }
      return breaches;
    },
  },
  {
    name: "a customer's own do-not-disturb wish holds to the journey's end",
    check: (evidence) => {
      const breaches: string[] = [];
      for (const [subscriberId, wishedAt] of evidence.province.dndWishes) {
        const state = evidence.states.get(subscriberId);
        // Judged from what the customer asked, not from the journey's own timeline; a wish arriving as
        // the journey ends may find it gone.
        if (!state?.endedAt || at(state.endedAt) < wishedAt + SYSTEM_LATENCY_MS) continue;
        if (!state.dnd) breaches.push(`${state.journeyId}: asked for DND, not DND at its end`);
        const late = (evidence.executions.get(state.journeyId)?.marketingScheduledAt ?? []).filter(
          (scheduled) => scheduled > wishedAt + SYSTEM_LATENCY_MS,
        );
        if (late.length > 0) breaches.push(`${state.journeyId}: ${late.length} marketing SMS after asking for DND`);
      }
      return breaches;
    },
  },
  {
    name: 'no marketing SMS in quiet hours (21:00–08:00, business clock)',
    check: (evidence, clock) => {
      const quiet = (instant: number) => {
        const { hour } = wallClock(clock.toSimulated(instant), BUSINESS_TIME_ZONE);
        return hour >= 21 || hour < 8;
      };
      // When the journey let the SMS go: the history's scheduling of its activity, less a workflow task's latency.
      return [...evidence.executions.values()].flatMap((execution) =>
        execution.marketingScheduledAt
          .filter((scheduled) => quiet(scheduled) && quiet(scheduled - SYSTEM_LATENCY_MS))
          .map(
            (scheduled) =>
              `${execution.workflowId}: scheduled at ${new Date(clock.toSimulated(scheduled)).toISOString()}`,
          ),
      );
    },
  },
  {
    name: 'every task due inside its plan window',
    check: (evidence, clock) =>
      states(evidence).flatMap((state) =>
        state.tasks.flatMap((task) => {
          const assignedAts = evidence.rows.assignments
            .filter((row) => row.subscriberId === state.subscriber.subscriberId)
            .map((row) => row.assignedAt.getTime())
            .sort((a, b) => a - b);
          const window = windowOf(task, state, clock, assignedAts);
          const [due, opened] = [at(task.dueAt), at(task.availableAt)];
          // Never past the window's end; inside it unless the task only opened once the window was over
          // (a journey started late), when it is due at the window's end, at once.
          const slack = SYSTEM_LATENCY_MS;
          if (
            !window ||
            (due <= window.to + slack && (opened > window.to || due >= Math.min(window.from, opened) - slack))
          )
            return [];
          return [
            `${task.id}: due ${task.dueAt}, window ${new Date(window.from).toISOString()}–${new Date(window.to).toISOString()}`,
          ];
        }),
      ),
  },
  {
    name: 'every task ended (completed, expired, superseded or cancelled) with a reason, and its inbox row agrees',
    check: (evidence) => {
      const breaches: string[] = [];
      const rows = new Map(evidence.rows.tasks.map((row) => [row.id, row]));
      const seen = new Set<string>();
      for (const state of states(evidence))
        for (const task of state.tasks) {
          seen.add(task.id);
          if (task.status === 'open') breaches.push(`${task.id}: still open`);
          else if (task.status === 'completed' ? !task.outcome : !task.endReason)
            breaches.push(
              `${task.id}: ${task.status} without ${task.status === 'completed' ? 'an outcome' : 'a reason'}`,
            );
          const row = rows.get(task.id);
          if (!row) breaches.push(`${task.id}: no inbox row`);
          else if (row.status !== task.status || row.revision !== task.revision)
            breaches.push(`${task.id}: row ${row.status}#${row.revision}, journey ${task.status}#${task.revision}`);
        }
      for (const row of evidence.rows.tasks) if (!seen.has(row.id)) breaches.push(`${row.id}: a row no journey holds`);
      return breaches;
    },
  },
  {
    name: 'every escalation, failure and promised callback reached a next owner',
    check: (evidence) => {
      const breaches: string[] = [];
      const audits = new Set(evidence.rows.audits.map((audit) => audit.idempotencyKey));
      for (const state of states(evidence)) {
        for (const task of state.tasks)
          if (task.escalatedAt && !audits.has(`${task.id}:escalated`))
            breaches.push(
              `${task.id} (${task.status} at ${task.endedAt}, escalated ${task.escalatedAt}; journey ${state.status} at ${state.endedAt}): escalation told no one`,
            );
        const faults = state.tasks.filter((task) => task.type === 'journey_fault').length;
        if (entries(state, 'moment_failed').length !== faults)
          breaches.push(
            `${state.journeyId}: ${entries(state, 'moment_failed').length} failures, ${faults} supervisor tasks`,
          );
        const callbacks = state.tasks.filter((task) => task.type === 'callback').length;
        const promised = entries(state, 'callback_promised').length;
        if (promised !== callbacks)
          breaches.push(`${state.journeyId}: ${promised} callbacks promised, ${callbacks} tasks`);
      }
      return breaches;
    },
  },
  {
    name: 'every plan change asked for became an order the BSS settled, every signal ticket the network team’s',
    check: (evidence) => {
      const breaches: string[] = [];
      const ordersOf = new Map<string, { status: string }[]>();
      for (const order of evidence.rows.orders)
        ordersOf.set(order.subscriberId, [...(ordersOf.get(order.subscriberId) ?? []), order]);
      for (const state of states(evidence)) {
        const id = state.subscriber.subscriberId;
        const asked = entries(state, 'plan_change_requested').length;
        const orders = ordersOf.get(id) ?? [];
        if (orders.length !== asked)
          breaches.push(`${state.journeyId}: ${asked} plan changes asked, ${orders.length} orders`);
        for (const order of orders)
          if (order.status !== 'completed' && order.status !== 'rejected')
            breaches.push(`${state.journeyId}: an order still ${order.status}`);
        for (const ticket of state.networkTickets)
          if (!state.tasks.some((task) => task.type === 'network_ticket' && task.payload.ticketId === ticket.ticketId))
            breaches.push(`${state.journeyId}: ticket ${ticket.ticketId} reached no network team`);
      }
      return breaches;
    },
  },
  {
    name: 'VIPs: a manager within 3 days of each rating, or the supervisor told',
    check: (evidence) => {
      const breaches: string[] = [];
      for (const state of states(evidence)) {
        const timeline = state.timeline;
        timeline.forEach((entry, index) => {
          if (entry.kind !== 'vip_rated') return;
          const ratedAt = at(entry.at);
          const limit = ratedAt + 3 * DAY;
          const later = timeline.slice(index + 1).filter((next) => at(next.at) <= limit);
          const served = later.some(
            (next) => next.kind === 'account_manager_assigned' || next.kind === 'assignment_escalated',
          );
          // The round may end first: a downgrade, leaving, the journey's end.
          const ended =
            later.some((next) => next.kind === 'tier_changed' && next.detail?.to === 'standard') ||
            (state.endedAt !== undefined && at(state.endedAt) <= limit);
          if (!served && !ended) breaches.push(`${state.journeyId}: rated at ${entry.at}, no manager within 3 days`);
        });
      }
      return breaches;
    },
  },
  {
    name: 'assignments end on a downgrade or leaving, and only then',
    check: (evidence) => {
      const breaches: string[] = [];
      for (const assignment of evidence.rows.assignments) {
        const state = evidence.states.get(assignment.subscriberId);
        if (!state) continue;
        const left = state.status === 'cancelled';
        const stillVip = isVip(state.tier);
        if (!assignment.endedAt && (left || !stillVip))
          breaches.push(
            `${assignment.assignmentKey}: still open though the subscriber ${left ? 'left' : 'is standard'}`,
          );
        const downgradedAfter = entries(state, 'tier_changed').some(
          (entry) => entry.detail?.to === 'standard' && at(entry.at) >= assignment.assignedAt.getTime(),
        );
        if (assignment.endedAt && !left && !downgradedAfter)
          breaches.push(`${assignment.assignmentKey}: ended without a downgrade or leaving`);
      }
      return breaches;
    },
  },
  {
    name: 'no account manager above capacity',
    check: (evidence) => {
      const breaches: string[] = [];
      const byManager = new Map<string, { start: number; end: number }[]>();
      for (const assignment of evidence.rows.assignments) {
        const spans = byManager.get(assignment.managerId) ?? [];
        spans.push({ start: assignment.assignedAt.getTime(), end: assignment.endedAt?.getTime() ?? Infinity });
        byManager.set(assignment.managerId, spans);
      }
      for (const [managerId, spans] of byManager) {
        const capacity = evidence.capacityOf.get(managerId) ?? 0;
        for (const span of spans) {
          const concurrent = spans.filter((other) => other.start <= span.start && other.end > span.start).length;
          if (concurrent > capacity) {
            breaches.push(`${managerId}: ${concurrent} VIPs at once, capacity ${capacity}`);
            break;
          }
        }
      }
      return breaches;
    },
  },
  {
    name: "the supervisor's report equals a recount from the journeys and the gateway",
    check: (evidence) => {
      const breaches: string[] = [];
      const recount = new Map<string, { total: number; completed: number; expired: number; escalated: number }>();
      for (const state of states(evidence))
        for (const task of state.tasks) {
          const figures = recount.get(task.type) ?? { total: 0, completed: 0, expired: 0, escalated: 0 };
          figures.total++;
          if (task.status === 'completed') figures.completed++;
          if (task.status === 'expired') figures.expired++;
          if (task.escalatedAt) figures.escalated++;
          recount.set(task.type, figures);
        }
      for (const [type, figures] of recount) {
        const reported = evidence.report.tasksByType[type];
        for (const key of ['total', 'completed', 'expired', 'escalated'] as const)
          if (reported?.[key] !== figures[key])
            breaches.push(`${type}.${key}: report ${reported?.[key]}, recount ${figures[key]}`);
      }
      const byStatus: Record<string, number> = {};
      for (const state of states(evidence)) byStatus[state.status] = (byStatus[state.status] ?? 0) + 1;
      for (const [status, count] of Object.entries(byStatus))
        if (evidence.report.journeys.byStatus[status] !== count)
          breaches.push(`journeys ${status}: report ${evidence.report.journeys.byStatus[status]}, recount ${count}`);
      const welcomes = [...evidence.deliveries.keys()].filter((key) => key.endsWith(':sms:welcome')).length;
      if (evidence.report.activationSms.sent !== welcomes)
        breaches.push(`welcome SMS: report ${evidence.report.activationSms.sent}, gateway ${welcomes}`);
      return breaches;
    },
  },
  {
    name: "search attributes equal the journey's state",
    check: (evidence) => {
      const breaches: string[] = [];
      for (const state of states(evidence)) {
        const attributes = evidence.executions.get(state.journeyId)?.searchAttributes;
        const value = (key: string) => (attributes?.[key] as unknown[] | undefined)?.[0];
        if (value('JourneyTier') !== state.tier)
          breaches.push(`${state.journeyId}: tier ${String(value('JourneyTier'))} ≠ ${state.tier}`);
        if (value('JourneyMoment') !== state.moment)
          breaches.push(`${state.journeyId}: moment ${String(value('JourneyMoment'))} ≠ ${state.moment}`);
        if (value('JourneyStoreId') !== state.subscriber.storeId) breaches.push(`${state.journeyId}: store differs`);
      }
      return breaches;
    },
  },
  {
    name: 'raw histories hold no number, name or address',
    check: (evidence) => {
      const breaches: string[] = [];
      for (const { workflowId, text } of evidence.rawHistories) {
        const state = evidence.states.get(workflowId.replace(/^journey-/, ''));
        if (!state) continue;
        const { msisdn, name, address } = state.subscriber;
        for (const [what, value] of [
          ['number', msisdn],
          ['name', name],
          ['address', address],
        ] as const)
          if (value && text.includes(value)) breaches.push(`${workflowId}: its ${what} in plain text`);
      }
      return breaches;
    },
  },
];
