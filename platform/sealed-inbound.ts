import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { LRUCache } from 'lru-cache';
import { refusedPayload } from '../workflows/sealed-messages';
import type { PrismaClient } from './database';
import { encryptedWith, journeyWorkflowIdPattern, type EncryptionCodec } from './payload-codec';

const textEncoder = new TextEncoder();

/**
 * The worker's codec: {@link EncryptionCodec}, and a gate on what it lets into a workflow. Whoever
 * reaches the Temporal frontend could send a journey a plain JSON start, signal or update (an actor of
 * their choosing), or a sealed payload copied from another workflow. So a payload decoded for a
 * workflow (its start, signals, updates, activity results) must be sealed for that workflow: a
 * journey's with its subscriber's data key, any other workflow's with a master key. Anything else
 * reaches the workflow as {@link refusedPayload}, which workflows/sealed-messages.ts refuses.
 *
 * Journeys of subscribers activated before encryption was switched on (`subscriber.history_before_encryption`,
 * set once by a migration and never changed) keep their plain payloads, so they replay and run on;
 * they are the one exception, and end within 90 days of their activation.
 *
 * The decision depends only on the payload and that flag, so a history decodes the same way at every
 * replay. Payloads without a workflow in their context (the codec server's) are only decoded.
 */
export class SealedInboundCodec implements PayloadCodec {
  private readonly plainHistories = new LRUCache<string, boolean>({ max: 100_000 });

  constructor(
    private readonly codec: EncryptionCodec,
    private readonly prisma: PrismaClient,
  ) {}

  encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return this.codec.encode(payloads, context);
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const workflowId = context?.workflowId;
    if (!workflowId) return this.codec.decode(payloads);
    return Promise.all(
      payloads.map(async (payload) => {
        const refusal = await this.refusal(payload, workflowId);
        return refusal ? refusedJson(refusal) : (await this.codec.decode([payload]))[0]!;
      }),
    );
  }

  private async refusal(payload: Payload, workflowId: string): Promise<string | undefined> {
    const keyId = encryptedWith(payload);
    const subscriberId = workflowId.match(journeyWorkflowIdPattern)?.[1];
    if (keyId) {
      const sealedForIt = subscriberId ? keyId === `subscriber:${subscriberId}` : keyId.startsWith('master:');
      return sealedForIt ? undefined : `a payload sealed with ${keyId}, not for ${workflowId}`;
    }
    if (subscriberId && (await this.historyBeforeEncryption(subscriberId))) return undefined;
    return 'a plain (unencrypted) payload';
  }

  private async historyBeforeEncryption(subscriberId: string): Promise<boolean> {
    const cached = this.plainHistories.get(subscriberId);
    if (cached !== undefined) return cached;
    const row = await this.prisma.subscriber.findUnique({
      where: { id: subscriberId },
      select: { historyBeforeEncryption: true },
    });
    const plain = row?.historyBeforeEncryption ?? false;
    // The flag never changes once set; a subscriber not yet recorded is not cached.
    if (row) this.plainHistories.set(subscriberId, plain);
    return plain;
  }
}

function refusedJson(reason: string): Payload {
  return {
    metadata: { encoding: textEncoder.encode('json/plain') },
    data: textEncoder.encode(JSON.stringify(refusedPayload(reason))),
  };
}
