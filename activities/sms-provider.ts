import type { Logger } from '../platform/logger';

/** One SMS handed to a provider; `idempotencyKey` lets a gateway drop a retried duplicate. */
export interface OutgoingSms {
  idempotencyKey: string;
  msisdn: string;
  body: string;
}

/** Where SMS go. The outbox row is written before `send` and marked sent after it. */
export interface SmsProvider {
  readonly name: string;
  send(message: OutgoingSms): Promise<{ providerMessageId: string }>;
}

/**
 * The default provider: the outbox table is the delivery record (an operator's SMS platform reads
 * it, or a later deployment configures the gateway). Sending is marking the row sent.
 */
export const outboxProvider: SmsProvider = {
  name: 'outbox',
  async send(message) {
    return { providerMessageId: `outbox:${message.idempotencyKey}` };
  },
};

/**
 * An HTTP SMS gateway: POSTs `{ msisdn, body }` as JSON with an `Idempotency-Key` header, so a retry
 * after a crash between the gateway's accept and our bookkeeping is dropped by the gateway, not sent
 * twice. Any non-2xx answer is a failure the activity retries.
 */
export function httpGatewayProvider(url: string, token: string | undefined, log: Logger): SmsProvider {
  return {
    name: 'http-gateway',
    async send(message) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.idempotencyKey,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ msisdn: message.msisdn, body: message.body }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) {
        log.warn({ status: response.status, idempotencyKey: message.idempotencyKey }, 'SMS gateway refused a message');
        throw new Error(`SMS gateway answered ${response.status}`);
      }
      const answer = (await response.json().catch(() => ({}))) as { messageId?: string };
      return { providerMessageId: answer.messageId ?? message.idempotencyKey };
    },
  };
}
