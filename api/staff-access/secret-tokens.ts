import { createHash, randomBytes } from 'node:crypto';

/**
 * A random bearer secret (a session token, a set-password link's token) and the SHA-256 the database
 * keeps instead of it: someone who reads the table cannot use what they read.
 */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

/** The stored form of a token given back by a client. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
