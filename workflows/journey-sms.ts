import { CancellationScope, patched } from '@temporalio/workflow';
import type { SmsRequest } from '../domain/sms-templates';
import { activities } from './activity-proxies';
import { patches } from './patches';
import type { JourneyState, SmsRecord } from './state';

/** What sending SMS needs of its journey. */
export interface SmsJourney {
  readonly state: JourneyState;
  readonly subscriberId: string;
  note(kind: string, detail?: Record<string, unknown>): void;
}

/**
 * A journey's SMS, each sent once: its idempotency key (`<journeyId>:sms:<key>`) is recorded in the
 * state and unique in the outbox, so neither a replay, a retried activity nor a crashed worker sends
 * it twice.
 */
export class JourneySms {
  /** SMS under way: the journey's end waits for them (see {@link outliveLeaving}). */
  private readonly sending = new Set<Promise<void>>();

  constructor(private readonly journey: SmsJourney) {}

  /** Sends one SMS of the journey; `key` names it within the journey. */
  async send(key: string, sms: SmsRequest): Promise<void> {
    const idempotencyKey = this.keyOf(key);
    if (this.sent(idempotencyKey)) return;
    const { state } = this.journey;
    const start = () =>
      activities.sendSms.executeWithOptions({ summary: `SMS ${sms.template}` }, [
        {
          idempotencyKey,
          subscriberId: this.journey.subscriberId,
          msisdn: state.subscriber.msisdn,
          locale: state.subscriber.locale,
          sms,
        },
      ]);
    if (!this.outlivesLeaving()) return this.record(idempotencyKey, await start(), 'sms_sent');
    await this.outliveLeaving(async () => this.record(idempotencyKey, await start(), 'sms_sent'));
  }

  /** Answers an SMS from the subscriber: a help-menu digit gets its answer, anything else the menu again. */
  async replyTo(messageId: string, text: string): Promise<void> {
    const idempotencyKey = this.keyOf(`inbound-${messageId}`);
    if (this.sent(idempotencyKey)) return;
    const { state } = this.journey;
    const start = () =>
      activities.replyToInboundSms.executeWithOptions({ summary: 'answer an inbound SMS' }, [
        {
          idempotencyKey,
          subscriberId: this.journey.subscriberId,
          msisdn: state.subscriber.msisdn,
          locale: state.subscriber.locale,
          text,
        },
      ]);
    if (!this.outlivesLeaving()) return this.record(idempotencyKey, await start(), 'sms_answered');
    await this.outliveLeaving(async () => this.record(idempotencyKey, await start(), 'sms_answered'));
  }

  /**
   * The SMS under way, once each has been sent and recorded (or failed trying); undefined when none
   * is, so that a journey's end goes on within the same step, as it did before `sms-outlives-leaving`.
   */
  settled(): Promise<unknown> | undefined {
    return this.sending.size > 0 ? Promise.allSettled([...this.sending]) : undefined;
  }

  /**
   * Whether an SMS begun now outlives the subscriber leaving. One not begun before the leaving is
   * never begun (its scope is already cancelled, so the activity is refused). Journeys from before
   * `sms-outlives-leaving` send inline, exactly as their histories recorded it.
   */
  private outlivesLeaving(): boolean {
    return !CancellationScope.current().consideredCancelled && patched(patches.smsOutlivesLeaving.id);
  }

  /**
   * A message handed to the gateway cannot be taken back: a subscriber leaving while it is under way
   * lets it finish, so the journey's record shows every SMS the customer got. The same tracked scope
   * as `TaskBoard.escalate`'s, written out here rather than shared: a shared helper adds an await to
   * the escalation's path, whose awaits recorded histories fix (docs/architecture.md#changing-the-workflow).
   */
  private async outliveLeaving(send: () => Promise<void>): Promise<void> {
    const sending = CancellationScope.nonCancellable(send);
    this.sending.add(sending);
    try {
      await sending;
    } finally {
      this.sending.delete(sending);
    }
  }

  private keyOf(key: string): string {
    return `${this.journey.state.journeyId}:sms:${key}`;
  }

  private sent(idempotencyKey: string): boolean {
    return this.journey.state.sms.some((sms) => sms.idempotencyKey === idempotencyKey);
  }

  private record(idempotencyKey: string, sent: Pick<SmsRecord, 'template' | 'category'>, kind: string): void {
    this.journey.state.sms.push({
      idempotencyKey,
      template: sent.template,
      category: sent.category,
      at: new Date().toISOString(),
    });
    this.journey.note(kind, { template: sent.template });
  }
}
