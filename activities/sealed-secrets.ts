import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { PrismaClient } from '../platform/database';

/**
 * Short-lived secrets (the initial service password) sealed with AES-256-GCM: the API seals the
 * password and starts the journey with the secret's id only, so the password never reaches workflow
 * history, logs or a readable column; the SMS activity opens it to send the password SMS and then
 * deletes it.
 */
export class SealedSecrets {
  private readonly key: Buffer;

  /** `keyBase64` is 32 bytes, base64-encoded (SECRET_SEALING_KEY). */
  constructor(
    private readonly prisma: PrismaClient,
    keyBase64: string,
  ) {
    this.key = Buffer.from(keyBase64, 'base64');
    if (this.key.length !== 32) throw new Error('the sealing key must be 32 bytes, base64-encoded');
  }

  /** Seals `plaintext` until `ttlMs` from now and returns the secret's id. */
  async seal(plaintext: string, ttlMs: number): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const secret = await this.prisma.sealedSecret.create({
      data: { ciphertext, iv, authTag: cipher.getAuthTag(), expiresAt: new Date(Date.now() + ttlMs) },
    });
    return secret.id;
  }

  /** Opens a sealed secret; a missing or expired one is a non-retryable `SecretUnavailable` failure. */
  async open(id: string): Promise<string> {
    const secret = await this.prisma.sealedSecret.findUnique({ where: { id } });
    if (!secret || secret.expiresAt.getTime() < Date.now()) {
      throw ApplicationFailure.nonRetryable(`sealed secret ${id} is missing or expired`, 'SecretUnavailable');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, secret.iv);
    decipher.setAuthTag(secret.authTag);
    return Buffer.concat([decipher.update(secret.ciphertext), decipher.final()]).toString('utf8');
  }

  /** Deletes a secret once it has served its purpose. */
  async discard(id: string): Promise<void> {
    await this.prisma.sealedSecret.deleteMany({ where: { id } });
  }
}
