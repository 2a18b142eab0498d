import { Prisma } from '../../prisma/generated/client';
import type { PrismaClient } from '../../platform/database';
import { ApiError } from '../http/errors';

/**
 * Failed sign-ins allowed in a sliding window: per username whatever the address (guessing one
 * account from many machines), and per address whatever the username (one machine spraying many).
 */
export const signInThrottleLimits = { windowSeconds: 15 * 60, perUsername: 5, perAddress: 50 };

/** An attempt under way: `succeeded` forgets it, otherwise it counts as a failure for the window. */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

/**
 * The sign-in throttle of every sign-in route and every API process, kept in PostgreSQL. Each
 * attempt is written before the password is checked and counted after, with PostgreSQL's clock, so
 * parallel guesses across processes cannot slip past the limit; a successful attempt is deleted.
 */
export class SignInThrottle {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly limits = signInThrottleLimits,
  ) {}

  /** Records an attempt, or refuses it with 429 and the seconds until one more is allowed. */
  async begin(username: string, address: string): Promise<SignInAttempt> {
    const user = username.trim().toLowerCase().slice(0, 200);
    const window = this.limits.windowSeconds;
    await this.prisma.$executeRaw`DELETE FROM sign_in_attempt WHERE at < now() - make_interval(secs => ${window})`;
    const [attempt] = await this.prisma.$queryRaw<{ id: bigint }[]>`
      INSERT INTO sign_in_attempt (username, address) VALUES (${user}, ${address}) RETURNING id`;
    const forget = async () => {
      await this.prisma.$executeRaw`DELETE FROM sign_in_attempt WHERE id = ${attempt!.id}`;
    };
    const [counts] = await this.prisma.$queryRaw<{ username: number; address: number }[]>`
      SELECT count(*) FILTER (WHERE username = ${user})::int AS username,
             count(*) FILTER (WHERE address = ${address})::int AS address
        FROM sign_in_attempt
       WHERE at > now() - make_interval(secs => ${window}) AND (username = ${user} OR address = ${address})`;
    const overUsername = counts!.username > this.limits.perUsername;
    const overAddress = counts!.address > this.limits.perAddress;
    if (!overUsername && !overAddress) return { succeeded: forget };

    // A refused attempt guessed nothing, so it does not count.
    await forget();
    const waits = await Promise.all([
      overUsername ? this.secondsUntilBelow('username', user, this.limits.perUsername) : 0,
      overAddress ? this.secondsUntilBelow('address', address, this.limits.perAddress) : 0,
    ]);
    const retryAfterSeconds = Math.max(1, ...waits);
    const error = new ApiError(
      429,
      'too_many_attempts',
      `too many failed sign-ins${overUsername ? ' for this username' : ' from this address'}; try again in ${Math.ceil(retryAfterSeconds / 60)} min`,
    );
    error.retryAfterSeconds = retryAfterSeconds;
    throw error;
  }

  /** Seconds until the `limit`-th most recent failure of a key leaves the window. */
  private async secondsUntilBelow(column: 'username' | 'address', key: string, limit: number): Promise<number> {
    const window = this.limits.windowSeconds;
    const [row] = await this.prisma.$queryRaw<{ seconds: number }[]>`
      SELECT ceil(extract(epoch FROM at + make_interval(secs => ${window}) - now()))::int AS seconds
        FROM sign_in_attempt
       WHERE ${Prisma.raw(column)} = ${key} AND at > now() - make_interval(secs => ${window})
       ORDER BY at DESC OFFSET ${limit - 1} LIMIT 1`;
    return row?.seconds ?? 1;
  }
}
