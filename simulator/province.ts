import { valueAddedServices } from '../prisma/seed-data';
import type { ApiClient } from './api-client';
import type { SimClock } from './clock';
import { unsubscribeTexts, type BssEvent, type Happening, type SimSubscriber } from './population';
import type { Random } from './random';
import type { LoopbackSmsGateway } from './sms-gateway';

const HOUR = 3_600_000;

/** What the outside world saw of each subscriber: the activation's answer and each event's. */
export interface ProvinceLedger {
  activations: Map<string, number>;
  events: Map<string, number>;
  inbound: Map<string, number>;
  orders: Map<string, number>;
  marketingReplies: { unsubscribe: number; order: number };
  /** When each subscriber's own do-not-disturb wish (the BSS's event, a TD reply) was first accepted, real ms. */
  dndWishes: Map<string, number>;
}

/**
 * The world outside the system: the activation system activates each subscriber at their simulated
 * time, the BSS sends their events, their phone sends SMS and answers the marketing SMS it receives.
 * Each subscriber's happenings go out in order (one chain per subscriber), subscribers side by side.
 */
export class Province {
  readonly ledger: ProvinceLedger = {
    activations: new Map(),
    events: new Map(),
    inbound: new Map(),
    orders: new Map(),
    marketingReplies: { unsubscribe: 0, order: 0 },
    dndWishes: new Map(),
  };
  private readonly answered = new Set<string>();

  constructor(
    private readonly subscribers: SimSubscriber[],
    private readonly api: ApiClient,
    private readonly clock: SimClock,
    private readonly random: Random,
    private readonly tokens: { activation: string; inbound: string },
  ) {}

  /** Plays every subscriber's life out; resolves when the last happening has gone out. */
  async play(): Promise<void> {
    await Promise.all(this.subscribers.map((subscriber) => this.live(subscriber)));
  }

  private async live(subscriber: SimSubscriber): Promise<void> {
    await this.clock.until(subscriber.activateAt);
    const status = await this.activate(subscriber);
    this.ledger.activations.set(subscriber.subscriberId, status);
    if (status !== 201 && status !== 200) return;
    for (const happening of subscriber.happenings) {
      await this.clock.until(happening.at);
      await this.happen(subscriber, happening);
    }
  }

  private async activate(subscriber: SimSubscriber): Promise<number> {
    const {
      happenings: _h,
      activateAt,
      firstPaymentDueAt,
      marketingReply: _m,
      recycledFrom: _r,
      ...profile
    } = subscriber;
    const answer = await this.api.call('POST', '/v1/subscribers', {
      token: this.tokens.activation,
      idempotencyKey: `activate-${subscriber.subscriberId}`,
      body: {
        ...profile,
        activatedAt: new Date(this.clock.toReal(activateAt)).toISOString(),
        ...(firstPaymentDueAt
          ? { firstPaymentDueAt: new Date(this.clock.toReal(firstPaymentDueAt)).toISOString() }
          : {}),
      },
    });
    return answer.status;
  }

  private async happen(subscriber: SimSubscriber, happening: Happening): Promise<void> {
    if (happening.kind === 'bss') {
      const status = await this.sendEvent(subscriber, happening.event);
      count(this.ledger.events, `${happening.event.type} ${status}`);
      if (happening.event.type === 'dndChanged' && happening.event.on && accepted(status)) this.wishedDnd(subscriber);
      return;
    }
    // Two copies of one message (a gateway's retry), or a flood of distinct ones.
    const ids =
      happening.times === 2
        ? [happening.messageId, happening.messageId]
        : Array.from({ length: happening.times }, (_, n) => `${happening.messageId}${n ? `-${n}` : ''}`);
    for (const messageId of ids) await this.sms(subscriber, messageId, happening.text);
  }

  private async sendEvent(subscriber: SimSubscriber, event: BssEvent): Promise<number> {
    // Times in events are the BSS's (simulated): the system receives the real instant they stand for.
    const body =
      'at' in event ? { ...event, at: new Date(this.clock.toReal(Date.parse(event.at))).toISOString() } : event;
    const answer = await this.api.call('POST', `/v1/subscribers/${subscriber.subscriberId}/events`, {
      token: this.tokens.activation,
      body,
    });
    return answer.status;
  }

  private async sms(subscriber: SimSubscriber, messageId: string, text: string): Promise<number> {
    const answer = await this.api.call('POST', '/v1/sms/inbound', {
      token: this.tokens.inbound,
      body: { from: subscriber.msisdn, messageId, text },
    });
    count(this.ledger.inbound, String(answer.status));
    return answer.status;
  }

  private wishedDnd(subscriber: SimSubscriber): void {
    if (!this.ledger.dndWishes.has(subscriber.subscriberId))
      this.ledger.dndWishes.set(subscriber.subscriberId, Date.now());
  }

  /**
   * The BSS collects the journeys' orders (plan changes customers asked for on their follow-up call)
   * and carries most of them out: it answers the order, then tells the journey its plan changed.
   */
  async serveOrders(): Promise<void> {
    const collected = await this.api.call<{ orders: { id: string; subscriberId: string; toPlanCode: string }[] }>(
      'POST',
      '/v1/bss/orders/collect?limit=50',
      { token: this.tokens.activation },
    );
    for (const order of collected.status === 200 ? collected.body.orders : []) {
      const carriedOut = this.random.chance(0.85);
      const answer = await this.api.call('POST', `/v1/bss/orders/${order.id}/result`, {
        token: this.tokens.activation,
        body: carriedOut ? { result: 'completed' } : { result: 'rejected', reason: '合约期内不可变更套餐' },
      });
      count(this.ledger.orders, `${carriedOut ? 'completed' : 'rejected'} ${answer.status}`);
      if (carriedOut && answer.status === 200)
        await this.api.call('POST', `/v1/subscribers/${order.subscriberId}/events`, {
          token: this.tokens.activation,
          body: { type: 'planChanged', planCode: order.toPlanCode },
        });
    }
  }

  /**
   * The phones read what the gateway delivered: a subscriber who answers marketing replies some hours
   * after the marketing SMS, with TD (a variant of it) or the name of a service it offered.
   */
  async answerMarketing(gateway: LoopbackSmsGateway): Promise<void> {
    const byNumber = new Map(this.subscribers.map((subscriber) => [subscriber.msisdn, subscriber]));
    for (const [key, delivery] of gateway.deliveries) {
      if (!key.endsWith(':sms:marketing_vas') || this.answered.has(key)) continue;
      const subscriber = byNumber.get(delivery.msisdn);
      if (!subscriber || !key.startsWith(`journey-${subscriber.subscriberId}:`)) continue;
      if (this.clock.toSimulated(Date.now()) < this.clock.toSimulated(delivery.at) + 3 * HOUR) continue;
      this.answered.add(key);
      if (subscriber.marketingReply === 'none') continue;
      const text =
        subscriber.marketingReply === 'unsubscribe' ? this.random.pick(unsubscribeTexts) : offeredName(delivery.body);
      if (!text) continue;
      this.ledger.marketingReplies[subscriber.marketingReply]++;
      const status = await this.sms(subscriber, `${key}-reply`, text);
      if (subscriber.marketingReply === 'unsubscribe' && accepted(status)) this.wishedDnd(subscriber);
    }
  }
}

/** A service the marketing SMS named, as the customer would type it back. */
function offeredName(body: string): string | undefined {
  return valueAddedServices.map((service) => service.name).find((name) => body.includes(name));
}

const accepted = (status: number) => status >= 200 && status < 300;

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
