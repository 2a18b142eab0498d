import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a random 96-bit IV: `iv | ciphertext | tag`. `aad` binds the ciphertext to what it
 * belongs to (a subscriber, a record), so a value copied elsewhere does not open.
 */
export function encrypt(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
}

/** Opens what {@link encrypt} sealed; throws when the key, the AAD or a single byte differs. */
export function decrypt(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 28) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
}

/**
 * The deployment's master keys (JOURNEY_MASTER_KEYS, `id:base64,id:base64`): the first encrypts, every
 * one decrypts. They wrap the per-subscriber data keys and encrypt the payloads of workflows that
 * belong to no subscriber. Rotation: put a new key first, run `npm run keys:rewrap`, then drop the old
 * one; histories need no rewriting, since they are encrypted with the subscribers' data keys.
 */
export class MasterKeys {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly activeId: string;

  constructor(keyring: string) {
    const entries = parseKeyring(keyring);
    this.keys = new Map(entries);
    this.activeId = entries[0]![0];
  }

  get active(): Buffer {
    return this.keys.get(this.activeId)!;
  }

  /** The key with this id; throws for an id this deployment does not hold. */
  get(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new Error(`master key ${id} is not in JOURNEY_MASTER_KEYS`);
    return key;
  }
}

/** Parses `id:base64,…`; the error names what is wrong, never a key. */
export function parseKeyring(keyring: string): [string, Buffer][] {
  const entries = keyring
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry, index): [string, Buffer] => {
      const [id, material, ...rest] = entry.split(':');
      if (!id || !material || rest.length > 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
        throw new Error(`entry ${index + 1} is not id:base64key (id: letters, digits, - and _)`);
      }
      const key = Buffer.from(material, 'base64');
      if (key.length !== 32) throw new Error(`key ${id} is not 32 bytes, base64-encoded (openssl rand -base64 32)`);
      return [id, key];
    });
  if (entries.length === 0) throw new Error('no key given');
  if (new Set(entries.map(([id]) => id)).size !== entries.length) throw new Error('a key id appears twice');
  return entries;
}

/** A new keyring of one key, for a fresh deployment (`npm start` keeps it in data/secrets). */
export function newKeyring(id = 'k1'): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
