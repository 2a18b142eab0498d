import { patched, setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { activities } from './activity-proxies';
import { dndAtActivation } from '../domain/do-not-disturb';
import { BackgroundWork } from './background-work';
import { defaultFirstPaymentDue, outsideQuietHours } from '../domain/calendar';
import type { ControlTouch } from '../domain/control-group';
import type { PlanTerms, Tier, UsageMonth } from '../domain/vocabulary';
import { JourneyClock } from './journey-clock';
import { JourneyRecord } from './journey-record';
import { JourneySms } from './journey-sms';
import { withinBoundary } from './moment-boundary';
import { DAY_MS, type JourneySchedule } from './schedule';
import { maskMsisdn, searchAttributes } from './search-attributes';
import type { AccountManager, DndSource, JourneyInput, JourneyState, Moment } from './state';
import { TaskBoard } from './task-board';
import { patches } from './patches';

/** A business event from the BSS, queued by its signal handler and handled in arrival order. */
export type QueuedEvent =
  | { type: 'tierChanged'; tier: Tier }
  | { type: 'dndChanged'; on: boolean }
  | { type: 'usageReported'; usage: UsageMonth }
  | { type: 'paymentMade'; at: string }
  | { type: 'planChanged'; planCode: string }
  | { type: 'networkTicketResolved'; ticketId: string }
  | { type: 'bssOrderRejected'; orderId: string; toPlanCode: string; reason: string }
  | { type: 'hotlineAbnormalHangup'; at: string }
  | { type: 'inboundSms'; messageId: string; text: string };

/**
 * One subscriber's journey while it runs: its state (what the `journeyState` query answers), its
 * clock, its tasks, its SMS and the work beside its moments. Moments read like the plan because
 * these parts do the bookkeeping.
 */
export class RunningJourney {
  readonly state: JourneyState;
  readonly schedule: JourneySchedule;
  readonly clock: JourneyClock;
  readonly tasks: TaskBoard;
  readonly sms: JourneySms;
  /** The journey's record in PostgreSQL, written as the journey goes (journey-record.ts). */
  readonly record: JourneyRecord;
  readonly background = new BackgroundWork();
  readonly passwordSecretId?: string;
  /** Set by the `subscriberLeft` signal; ends the journey as cancelled. */
  leftReason?: string;
  /** Business events waiting for {@link processEvents} (events.ts), oldest first. */
  readonly events: QueuedEvent[] = [];

  constructor(input: JourneyInput) {
    const { subscriber, schedule } = input;
    this.schedule = schedule;
    this.passwordSecretId = input.passwordSecretId;
    this.clock = new JourneyClock(Date.parse(subscriber.activatedAt), schedule.journeyDays, schedule.simulatedClock);
    const firstPaymentDue = subscriber.firstPaymentDueAt
      ? Date.parse(subscriber.firstPaymentDueAt)
      : this.clock.onBusinessCalendar(this.clock.activatedAt, (at) => defaultFirstPaymentDue(at, schedule.timeZone));
    const dnd = dndAtActivation(subscriber);
    this.state = {
      journeyId: workflowInfo().workflowId,
      status: 'running',
      moment: 'activation',
      subscriber,
      tier: subscriber.tier,
      dnd: dnd.dnd,
      ...(dnd.source ? { dndSource: dnd.source } : {}),
      firstPaymentDueAt: new Date(firstPaymentDue).toISOString(),
      usage: [],
      tasks: [],
      sms: [],
      networkTickets: [],
      timeline: [],
      ...(input.experiment ? { experiment: input.experiment } : {}),
    };
    this.tasks = new TaskBoard(this);
    this.sms = new JourneySms(this);
    this.record = new JourneyRecord(this.state);
  }

  get subscriberId(): string {
    return this.state.subscriber.subscriberId;
  }

  /** The subscriber's plan, loaded by the registration before any moment runs. */
  get plan(): PlanTerms {
    if (!this.state.plan) throw new Error('the journey has no plan: it was not registered');
    return this.state.plan;
  }

  /**
   * The VIP's account manager as of now, for a task about to open: a downgrade may have released them
   * since the moment began (each await is a chance for an event). Undefined, noted as `skipped` with
   * `what`, when there is none.
   */
  managerFor(what: string): AccountManager | undefined {
    const manager = this.state.accountManager;
    if (!manager) this.note('manager_task_skipped', { task: what, reason: 'no account manager' });
    return manager;
  }

  /**
   * Starts `work` beside the moments (a callback, a ticket's deadline, a launch SMS) inside its own
   * boundary: should it fail, `part` is reported and the journey goes on (moment-boundary.ts).
   */
  spawn(part: string, work: () => Promise<unknown>): void {
    this.background.spawn(() => withinBoundary(this, part, work));
  }

  /** The first instant at or after `at` when marketing may reach the subscriber (outside quiet hours). */
  marketingHoursFrom(at: number): number {
    const { quietHours, timeZone } = this.schedule;
    return this.clock.onBusinessCalendar(at, (businessAt) => outsideQuietHours(businessAt, quietHours, timeZone));
  }

  /** Adds an entry to the journey's timeline. */
  note(kind: string, detail?: Record<string, unknown>): void {
    this.state.timeline.push({ at: new Date().toISOString(), kind, ...(detail ? { detail } : {}) });
  }

  async enterMoment(moment: Moment): Promise<void> {
    this.state.moment = moment;
    this.describe();
    this.note('moment', { moment });
    upsertSearchAttributes([{ key: searchAttributes.moment, value: moment }]);
    const record = this.record.forMoment();
    await activities.recordMoment.executeWithOptions({ summary: `moment ${moment}` }, [
      { journeyId: this.state.journeyId, moment, ...(record ? { record } : {}) },
    ]);
  }

  /**
   * What the Temporal Web UI shows as the journey's current details: its moment, its day and its
   * open tasks, so an engineer reads where a journey stands without opening a payload. No personal data.
   */
  describe(): void {
    const day = Math.floor((Date.now() - this.clock.activatedAt) / DAY_MS);
    const open = this.state.tasks.filter((task) => task.status === 'open');
    setCurrentDetails(
      [
        `**Moment:** ${this.state.moment} (day ${day} of ${this.schedule.journeyDays})`,
        `**Tier:** ${this.state.tier}${this.state.dnd ? ', do-not-disturb' : ''}`,
        `**Open tasks:** ${open.length === 0 ? 'none' : open.map((task) => `${task.type} (${task.role}, due ${task.dueAt})`).join('; ')}`,
      ].join('\n\n'),
    );
  }

  /** Initial search attributes, so engineers find the journey in the Web UI from its first task. */
  publishSearchAttributes(): void {
    upsertSearchAttributes([
      { key: searchAttributes.msisdnMasked, value: maskMsisdn(this.state.subscriber.msisdn) },
      { key: searchAttributes.tier, value: this.state.tier },
      { key: searchAttributes.moment, value: this.state.moment },
      { key: searchAttributes.storeId, value: this.state.subscriber.storeId },
      // Only journeys started with an experiment have it: older histories replay the same upsert.
      ...(this.state.experiment ? [{ key: searchAttributes.group, value: this.state.experiment.group }] : []),
    ]);
  }

  /**
   * True when this journey is in the control group for `touch`, which it then skips: noted on the
   * timeline as `control_group_skipped`, so the journey page says why the touch never came.
   */
  heldOutOf(touch: ControlTouch): boolean {
    const { experiment } = this.state;
    if (experiment?.group !== 'control' || experiment.touch !== touch) return false;
    this.note('control_group_skipped', { touch });
    return true;
  }

  async setTier(tier: Tier): Promise<void> {
    this.state.tier = tier;
    upsertSearchAttributes([{ key: searchAttributes.tier, value: tier }]);
    await activities.updateSubscriber.executeWithOptions({ summary: 'tier changed: update the subscriber' }, [
      { subscriberId: this.subscriberId, tier },
    ]);
  }

  /** Turns DND on or off, recording why; `source` says whose wish it is. */
  async setDnd(on: boolean, reason: string, source?: DndSource): Promise<void> {
    if (this.state.dnd === on) {
      // Asked for while the diamond default already holds: the wish is the customer's from now on, so
      // leaving diamond keeps it (nothing to write: DND stays on).
      const wish = on && source !== undefined && source !== 'diamond_default';
      if (wish && this.state.dndSource === 'diamond_default' && patched(patches.dndWishOverDefault.id)) {
        this.state.dndSource = source;
        this.note('dnd_changed', { on, reason });
      }
      return;
    }
    this.state.dnd = on;
    if (source) this.state.dndSource = source;
    this.note('dnd_changed', { on, reason });
    await activities.updateSubscriber.executeWithOptions({ summary: 'do-not-disturb changed: update the subscriber' }, [
      { subscriberId: this.subscriberId, dnd: on },
    ]);
  }
}
