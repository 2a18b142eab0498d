import { decrypt, encrypt } from './master-keys';
import type { SubscriberKeys } from './subscriber-keys';

/**
 * Personal data kept in PostgreSQL outside the subscriber table (SMS bodies, inbound SMS, sealed
 * secrets), encrypted with the subscriber's data key and bound to the record it belongs to (`binding`,
 * e.g. `sms:<idempotency key>`), so erasing the key leaves every copy unreadable, backups included.
 */
export class SealedData {
  constructor(private readonly keys: SubscriberKeys) {}

  async seal(subscriberId: string, binding: string, plaintext: string): Promise<Uint8Array<ArrayBuffer>> {
    const key = await this.keys.keyFor(subscriberId);
    return new Uint8Array(encrypt(key, Buffer.from(plaintext, 'utf8'), `${binding}|${subscriberId}`));
  }

  /** The plaintext; throws PersonalDataErased after erasure, and on any tampering. */
  async open(subscriberId: string, binding: string, sealed: Uint8Array): Promise<string> {
    const key = await this.keys.keyFor(subscriberId);
    return decrypt(key, Buffer.from(sealed), `${binding}|${subscriberId}`).toString('utf8');
  }
}
