import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Node's built-in scrypt: a memory-hard password hash with no native add-on to build.

/** What new hashes use: OWASP's scrypt floor (N=2^17, r=8, p=1: 128 MiB and about half a second per hash). */
export const passwordHashParameters = { N: 2 ** 17, r: 8, p: 1 } as const;
const keyLength = 32;

type Parameters = { N: number; r: number; p: number };

function scrypt(password: string, salt: Buffer, { N, r, p }: Parameters): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node refuses more than 32 MiB unless told.
  const options: ScryptOptions = { N, r, p, maxmem: 2 * 128 * N * r };
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Hashes a staff password as `scrypt$N$r$p$salt$hash` (base64), parameters kept for later upgrades. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, passwordHashParameters);
  const { N, r, p } = passwordHashParameters;
  return ['scrypt', N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** The parts of a stored hash, or undefined when it is malformed or asks for absurd work (N over 2^20). */
function parse(stored: string): { parameters: Parameters; salt: Buffer; hash: Buffer } | undefined {
  const [scheme, N, r, p, salt, hash, ...rest] = stored.split('$');
  const parameters = { N: Number(N), r: Number(r), p: Number(p) };
  const sane =
    Number.isInteger(Math.log2(parameters.N)) &&
    parameters.N >= 2 ** 10 &&
    parameters.N <= 2 ** 20 &&
    [parameters.r, parameters.p].every((value) => Number.isInteger(value) && value >= 1 && value <= 16);
  if (scheme !== 'scrypt' || !salt || !hash || rest.length > 0 || !sane) return undefined;
  return { parameters, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

/**
 * Checks a password against a stored hash in constant time, with the parameters the hash was made
 * with (older hashes used N=2^14); a malformed hash never verifies.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = parse(stored);
  if (!parts) return false;
  const actual = await scrypt(password, parts.salt, parts.parameters);
  return actual.length === parts.hash.length && timingSafeEqual(actual, parts.hash);
}

/** True when a stored hash was made with other parameters than new hashes use: re-hash it at the next sign-in. */
export function needsRehash(stored: string): boolean {
  const parts = parse(stored);
  const { N, r, p } = passwordHashParameters;
  return !parts || parts.parameters.N !== N || parts.parameters.r !== r || parts.parameters.p !== p;
}
