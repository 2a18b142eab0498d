import type { Staff } from '../../prisma/generated/client';
import type { PrismaClient } from '../../platform/database';
import { hashSecretToken, newSecretToken } from './secret-tokens';

/** How long a session lasts: at most 8 hours from sign-in, and 1 hour without a request. */
export const sessionLifetime = { absoluteMs: 8 * 3_600_000, idleMs: 3_600_000 };

/** A session's last request is written at most this often, so reading pages is not a write each. */
const touchEveryMs = 60_000;

/**
 * Server-side staff sessions. The client holds a random token; the table holds its hash, the staff
 * member and the times. Every request reads the session and the staff row again, so signing out,
 * deactivating someone or changing their role or store counts from their next request.
 */
export class StaffSessions {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly lifetime = sessionLifetime,
  ) {}

  /** Opens a session for a staff member; the token to hand to the client. */
  async open(staffId: string, now = new Date()): Promise<string> {
    const { token, hash } = newSecretToken();
    await this.prisma.staffSession.create({
      data: {
        tokenHash: hash,
        staffId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.lifetime.absoluteMs),
      },
    });
    // Sessions that ran out are of no use to anyone: sign-in is a good moment to forget them.
    await this.prisma.staffSession.deleteMany({
      where: {
        OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - this.lifetime.idleMs) } }],
      },
    });
    return token;
  }

  /** The active staff member of a live session, or undefined (unknown, ended, idle too long, deactivated). */
  async resolve(token: string, now = new Date()): Promise<Staff | undefined> {
    const session = await this.prisma.staffSession.findUnique({
      where: { tokenHash: hashSecretToken(token) },
      include: { staff: true },
    });
    if (!session) return undefined;
    const idleSince = now.getTime() - session.lastSeenAt.getTime();
    // Deactivation ends the session for good: activating the member again does not bring it back.
    if (session.expiresAt <= now || idleSince >= this.lifetime.idleMs || !session.staff.active) {
      await this.prisma.staffSession.deleteMany({ where: { id: session.id } });
      return undefined;
    }
    if (idleSince >= touchEveryMs) {
      await this.prisma.staffSession.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } });
    }
    return session.staff;
  }

  /** Ends the session of a token at once (signing out). */
  async revoke(token: string): Promise<void> {
    await this.prisma.staffSession.deleteMany({ where: { tokenHash: hashSecretToken(token) } });
  }

  /** Ends every session of a staff member (their password changed). */
  async revokeAll(staffId: string): Promise<void> {
    await this.prisma.staffSession.deleteMany({ where: { staffId } });
  }
}
