import { CancellationScope, patched } from '@temporalio/workflow';
import type { SmsRequest } from '../domain/sms-templates';
import { activities } from './activity-proxies';
import { OutlivingLeaving } from './outliving-leaving';
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
  private readonly sending = new OutlivingLeaving();

  constructor(private readonly journey: SmsJourney) {}

  /** Sends one SMS of the journey; `key` names it within the journey. */
  async send(key: string, sms: SmsRequest): Promise<void> {
    const idempotencyKey = this.keyOf(key);
    if (this.sent(idempotencyKey)) return;
    const { state } = this.journey;
    await this.outliveLeaving(async () => {
      const sent = await activities.sendSms.executeWithOptions({ summary: `SMS ${sms.template}` }, [
        {
          idempotencyKey,
          subscriberId: this.journey.subscriberId,
          msisdn: state.subscriber.msisdn,
          locale: state.subscriber.locale,
          sms,
        },
      ]);
      this.record(idempotencyKey, sent, 'sms_sent');
    });
  }

  /** Answers an SMS from the subscriber: a help-menu digit gets its answer, anything else the menu again. */
  async replyTo(messageId: string, text: string): Promise<void> {
    const idempotencyKey = this.keyOf(`inbound-${messageId}`);
    if (this.sent(idempotencyKey)) return;
    const { state } = this.journey;
    await this.outliveLeaving(async () => {
      const sent = await activities.replyToInboundSms.executeWithOptions({ summary: 'answer an inbound SMS' }, [
        {
          idempotencyKey,
          subscriberId: this.journey.subscriberId,
          msisdn: state.subscriber.msisdn,
          locale: state.subscriber.locale,
          text,
        },
      ]);
      this.record(idempotencyKey, sent, 'sms_answered');
    });
  }

  /** Resolves once every SMS under way has been sent and recorded (or failed trying). */
  async settled(): Promise<void> {
    await this.sending.settled();
  }

  /**
   * A message handed to the gateway cannot be taken back: a subscriber leaving while it is under way
   * lets it finish, so the journey's record shows every SMS the customer got. One not begun before the
   * leaving is never begun (its scope is already cancelled, so the activity is refused).
   */
  private async outliveLeaving(send: () => Promise<void>): Promise<void> {
    if (CancellationScope.current().consideredCancelled || !patched(patches.smsOutlivesLeaving.id)) return send();
    await this.sending.run(send);
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
