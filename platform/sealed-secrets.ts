import { randomUUID } from 'node:crypto';
import { activityFailures } from '../workflows/failure-types';
import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from './database';
import type { SealedData } from './sealed-data';
import { PersonalDataErased } from './subscriber-keys';

/**
 * Short-lived secrets (the initial service password): the API seals the password with the
 * subscriber's data key and starts the journey with the secret's id only, so the password never
 * reaches workflow history, logs or a readable column; the SMS activity opens it once and deletes it.
 */
export class SealedSecrets {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sealed: SealedData,
  ) {}

  /** Seals `plaintext` for the subscriber until `ttlMs` from now and returns the secret's id. */
  async seal(subscriberId: string, plaintext: string, ttlMs: number): Promise<string> {
    const id = randomUUID();
    // Expired secrets are never read again: each new one clears them out.
    await this.prisma.sealedSecret.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    await this.prisma.sealedSecret.create({
      data: {
        id,
        subscriberId,
        sealed: await this.sealed.seal(subscriberId, `secret:${id}`, plaintext),
        expiresAt: new Date(Date.now() + ttlMs),
      },
    });
    return id;
  }

  /**
   * Opens a secret of the subscriber. Missing, expired, erased or another subscriber's: a
   * non-retryable `SecretUnavailable` failure, after which the journey goes on without it.
   */
  async open(subscriberId: string, id: string): Promise<string> {
    const secret = await this.prisma.sealedSecret.findUnique({ where: { id } });
    const unavailable = (why: string) =>
      ApplicationFailure.nonRetryable(`the sealed secret is ${why}`, activityFailures.secretUnavailable);
    if (!secret) throw unavailable('missing (already used, or sealed before an upgrade)');
    if (secret.expiresAt.getTime() < Date.now()) throw unavailable('expired');
    if (secret.subscriberId !== subscriberId) throw unavailable("another subscriber's");
    try {
      return await this.sealed.open(subscriberId, `secret:${id}`, secret.sealed);
    } catch (error) {
      if (error instanceof PersonalDataErased) throw unavailable('erased with the personal data');
      throw error;
    }
  }

  /** Deletes a secret once it has served its purpose. */
  async discard(id: string): Promise<void> {
    await this.prisma.sealedSecret.deleteMany({ where: { id } });
  }
}
