import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from './database';
import { decrypt, encrypt, type MasterKeys } from './master-keys';

/** Thrown when a subscriber's personal data was erased: their data key no longer exists. */
export class PersonalDataErased extends Error {
  constructor(readonly subscriberId: string) {
    super(`the personal data of subscriber ${subscriberId} has been erased`);
    this.name = 'PersonalDataErased';
  }
}

/**
 * How long a process trusts a subscriber's unwrapped data key without asking PostgreSQL again; an
 * erasure elsewhere reaches it then. Past it, a key is asked for again, and kept in use only while
 * PostgreSQL cannot answer (see {@link SubscriberKeys.load}).
 */
export const DATA_KEY_CACHE_MS = 5 * 60_000;

/**
 * One data key per subscriber (envelope encryption): it encrypts everything personal of theirs that
 * leaves the subscriber table — journey histories in Temporal, SMS bodies in the outbox, inbound
 * SMS, sealed secrets. The key is stored wrapped by the master key; erasing a subscriber's personal
 * data (PIPL) deletes it, which leaves all of those unreadable wherever copies of them are.
 */
export class SubscriberKeys {
  private readonly cache: LRUCache<string, Buffer>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly master: MasterKeys,
    cacheMs = DATA_KEY_CACHE_MS,
  ) {
    this.cache = new LRUCache({ max: 100_000, ttl: cacheMs, noDeleteOnStaleGet: true });
  }

  /** The subscriber's data key, made on first use (two processes racing agree on one). */
  async keyFor(subscriberId: string): Promise<Buffer> {
    const cached = this.cache.get(subscriberId);
    if (cached) return cached;
    const stored = await this.load(subscriberId);
    if (stored) return stored;
    const key = randomBytes(32);
    await this.prisma.subscriberKey.createMany({
      data: [{ subscriberId, masterKeyId: this.master.activeId, wrappedKey: this.wrap(subscriberId, key) }],
      skipDuplicates: true,
    });
    const winner = await this.load(subscriberId);
    if (!winner) throw new PersonalDataErased(subscriberId);
    return winner;
  }

  /**
   * Makes the data key of a subscriber recorded just now, in one round trip (a key already stored
   * wins and is read on first use): the API does so before it starts the journey, whose input the
   * codec then encrypts with the key from memory.
   */
  async createFor(subscriberId: string): Promise<void> {
    if (this.cache.has(subscriberId)) return;
    const key = randomBytes(32);
    const { count } = await this.prisma.subscriberKey.createMany({
      data: [{ subscriberId, masterKeyId: this.master.activeId, wrappedKey: this.wrap(subscriberId, key) }],
      skipDuplicates: true,
    });
    if (count === 1) this.cache.set(subscriberId, key);
  }

  /** The subscriber's data key if it exists; undefined when it was never made or has been erased. */
  async existingKey(subscriberId: string): Promise<Buffer | undefined> {
    try {
      return this.cache.get(subscriberId) ?? (await this.load(subscriberId));
    } catch (error) {
      if (error instanceof PersonalDataErased) return undefined;
      throw error;
    }
  }

  /** Deletes the data key (the row stays, recording when); the caller's transaction may carry it. */
  async erase(subscriberId: string, prisma: Pick<PrismaClient, 'subscriberKey'> = this.prisma): Promise<void> {
    const erasedAt = new Date();
    await prisma.subscriberKey.upsert({
      where: { subscriberId },
      create: { subscriberId, erasedAt },
      update: { masterKeyId: null, wrappedKey: null, erasedAt },
    });
    this.cache.delete(subscriberId);
  }

  /** Re-wraps every data key with the active master key (after a rotation); returns how many changed. */
  async rewrap(): Promise<number> {
    const stale = await this.prisma.subscriberKey.findMany({
      where: { wrappedKey: { not: null }, masterKeyId: { not: this.master.activeId } },
      select: { subscriberId: true, masterKeyId: true, wrappedKey: true },
    });
    for (const row of stale) {
      const key = this.unwrap(row.subscriberId, row.masterKeyId!, Buffer.from(row.wrappedKey!));
      await this.prisma.subscriberKey.update({
        where: { subscriberId: row.subscriberId },
        data: { masterKeyId: this.master.activeId, wrappedKey: this.wrap(row.subscriberId, key) },
      });
    }
    return stale.length;
  }

  /**
   * The stored key, unwrapped; undefined when missing; PersonalDataErased when erased. While
   * PostgreSQL is out of reach, a key this process held is still the key: a worker decodes every
   * journey it wakes, and a short outage would otherwise fail their workflow tasks. An erasure needs
   * PostgreSQL too, so none can have happened that this process could have learnt of meanwhile.
   */
  private async load(subscriberId: string): Promise<Buffer | undefined> {
    let row;
    try {
      row = await this.prisma.subscriberKey.findUnique({ where: { subscriberId } });
    } catch (error) {
      const held = this.cache.get(subscriberId, { allowStale: true });
      if (held) return held;
      throw error;
    }
    if (!row?.wrappedKey || !row.masterKeyId) {
      // Never again the key, not even in the next outage.
      this.cache.delete(subscriberId);
      if (!row) return undefined;
      throw new PersonalDataErased(subscriberId);
    }
    const key = this.unwrap(subscriberId, row.masterKeyId, Buffer.from(row.wrappedKey));
    this.cache.set(subscriberId, key);
    return key;
  }

  private wrap(subscriberId: string, key: Buffer): Uint8Array<ArrayBuffer> {
    return new Uint8Array(encrypt(this.master.active, key, `data-key:${subscriberId}`));
  }

  private unwrap(subscriberId: string, masterKeyId: string, wrapped: Buffer): Buffer {
    return decrypt(this.master.get(masterKeyId), wrapped, `data-key:${subscriberId}`);
  }
}
