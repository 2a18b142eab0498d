import type { DataConverter, Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { decrypt, encrypt, type MasterKeys } from './master-keys';
import type { SubscriberKeys } from './subscriber-keys';

const ENCODING = 'binary/encrypted';
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/**
 * The journey workflow ids name their subscriber (`journey-<subscriberId>`, workflows/state.ts), and so
 * do the ids of the promises a journey hands over (`journey-<subscriberId>:launch-<code>`): subscriber
 * ids hold no colon.
 */
export const journeyWorkflowIdPattern = /^journey-([^:]+)(?::.+)?$/;

/**
 * Encrypts every payload Temporal stores (workflow input and result, activity arguments and results,
 * signals, updates, queries, failure messages): histories hold ciphertext only. A journey's payloads
 * use its subscriber's data key, found from the workflow id of the serialization context, so erasing
 * the subscriber leaves their history unreadable; other workflows use the master key. The key id
 * travels in the payload's metadata, so decoding needs no context (the codec server has none).
 * Payloads without the encrypted encoding pass through: histories recorded before encryption was
 * switched on stay readable, and their journeys run on.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(
    private readonly master: MasterKeys,
    private readonly subscribers: SubscriberKeys,
  ) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const subscriberId = context?.workflowId?.match(journeyWorkflowIdPattern)?.[1];
    const [keyId, key] = subscriberId
      ? [`subscriber:${subscriberId}`, await this.subscribers.keyFor(subscriberId)]
      : [`master:${this.master.activeId}`, this.master.active];
    return payloads.map((payload) => ({
      metadata: { encoding: textEncoder.encode(ENCODING), 'encryption-key-id': textEncoder.encode(keyId) },
      data: encrypt(key, Buffer.from(temporal.api.common.v1.Payload.encode(payload).finish()), keyId),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(
      payloads.map(async (payload) => {
        const keyId = encryptedWith(payload);
        if (!keyId) return payload;
        const key = await this.keyOf(keyId);
        if (!key) throw new Error(`cannot decrypt a payload: key ${keyId} has been erased`);
        return temporal.api.common.v1.Payload.decode(decrypt(key, Buffer.from(payload.data!), keyId)) as Payload;
      }),
    );
  }

  /**
   * Decodes what it can and leaves the rest as it is: for the codec server, where a payload of an
   * erased subscriber stays ciphertext in the Web UI instead of failing the whole page.
   */
  async decodeWherePossible(payloads: Payload[]): Promise<{ payloads: Payload[]; undecodable: number }> {
    let undecodable = 0;
    const decoded = await Promise.all(
      payloads.map(async (payload) => {
        try {
          return (await this.decode([payload]))[0]!;
        } catch {
          undecodable += 1;
          return payload;
        }
      }),
    );
    return { payloads: decoded, undecodable };
  }

  private async keyOf(keyId: string): Promise<Buffer | undefined> {
    const [kind, id] = [keyId.slice(0, keyId.indexOf(':')), keyId.slice(keyId.indexOf(':') + 1)];
    if (kind === 'subscriber') return this.subscribers.existingKey(id);
    if (kind === 'master') return this.master.get(id);
    throw new Error(`unknown encryption key id ${keyId}`);
  }
}

/** The key id of an encrypted payload, or undefined for a plain one. */
export function encryptedWith(payload: Payload): string | undefined {
  const encoding = payload.metadata?.encoding;
  if (!encoding || textDecoder.decode(encoding) !== ENCODING) return undefined;
  const keyId = payload.metadata?.['encryption-key-id'];
  if (!keyId) throw new Error('an encrypted payload without its key id');
  return textDecoder.decode(keyId);
}

/** Where the failure converter of {@link journeyDataConverter} lives (bundled into workflow code too). */
export const failureConverterPath = require.resolve('./failure-converter');

/**
 * The data converter of every client and worker: encrypted payloads, and failure messages and stack
 * traces moved into the (encrypted) payloads too, since they may quote personal data.
 */
export function journeyDataConverter(codec: PayloadCodec): DataConverter {
  return { payloadCodecs: [codec], failureConverterPath };
}

/**
 * Every payload in `value` (a history, an event) but search attributes, which Temporal reads to index
 * and the codec never encodes: what a tool decodes, or a test checks is encrypted, in a whole history.
 */
export function historyPayloads(value: unknown): Payload[] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return [];
  if (Array.isArray(value)) return value.flatMap(historyPayloads);
  const record = value as Record<string, unknown>;
  if (record.metadata && record.data instanceof Uint8Array) return [record as Payload];
  return Object.entries(record)
    .filter(([key]) => key !== 'searchAttributes')
    .flatMap(([, field]) => historyPayloads(field));
}
