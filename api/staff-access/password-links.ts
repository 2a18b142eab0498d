import type { PrismaClient } from '../../platform/database';
import { hashPassword } from '../../prisma/password';
import { hashSecretToken, newSecretToken } from './secret-tokens';

/** How long a set-password link works; it works once. */
export const passwordLinkHours = 72;

/** What a new staff password must be: 12 to 200 characters, not containing the username. */
export const passwordPolicy = { minLength: 12, maxLength: 200 };

/** Why a new password is refused; the staff pages word each one. */
export type PasswordProblem = 'too_short' | 'too_long' | 'contains_username' | 'mismatch';

/** The policy's objections to a new password (and its confirmation), none when it is acceptable. */
export function passwordProblems(password: string, confirmation: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < passwordPolicy.minLength) problems.push('too_short');
  if ([...password].length > passwordPolicy.maxLength) problems.push('too_long');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('contains_username');
  if (password !== confirmation) problems.push('mismatch');
  return problems;
}

/**
 * Makes a new set-password link for a staff member (earlier unused links stop working): the URL under
 * `baseUrl` and when it expires. Only the token's hash is stored; the URL is shown once.
 */
export async function issuePasswordLink(
  prisma: PrismaClient,
  staffId: string,
  baseUrl: string,
  now = new Date(),
): Promise<{ url: string; expiresAt: Date }> {
  const { token, hash } = newSecretToken();
  const expiresAt = new Date(now.getTime() + passwordLinkHours * 3_600_000);
  await prisma.$transaction([
    prisma.passwordLink.deleteMany({ where: { staffId, usedAt: null } }),
    prisma.passwordLink.create({ data: { tokenHash: hash, staffId, createdAt: now, expiresAt } }),
  ]);
  const url = new URL('/ui/set-password', baseUrl);
  url.searchParams.set('token', token);
  return { url: url.toString(), expiresAt };
}

/** Whose a link is, while it is unused, unexpired and its staff member active; undefined otherwise. */
export async function findPasswordLink(
  prisma: PrismaClient,
  token: string,
  now = new Date(),
): Promise<{ username: string; displayName: string } | undefined> {
  const link = await prisma.passwordLink.findUnique({
    where: { tokenHash: hashSecretToken(token) },
    include: { staff: { select: { username: true, displayName: true, active: true } } },
  });
  if (!link || link.usedAt || link.expiresAt <= now || !link.staff.active) return undefined;
  return { username: link.staff.username, displayName: link.staff.displayName };
}

/**
 * Sets the password of a link's staff member and uses the link up, at most once even when two
 * requests race; their sessions end (whoever knew the old password is signed out). False when the
 * link is not (or no longer) valid. The caller checks {@link passwordProblems} first.
 */
export async function redeemPasswordLink(
  prisma: PrismaClient,
  token: string,
  password: string,
  now = new Date(),
): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const link = await tx.passwordLink.findUnique({
      where: { tokenHash: hashSecretToken(token) },
      include: { staff: { select: { active: true } } },
    });
    if (!link?.staff.active) return false;
    const used = await tx.passwordLink.updateMany({
      where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (used.count !== 1) return false;
    await tx.staff.update({ where: { id: link.staffId }, data: { passwordHash } });
    await tx.passwordLink.deleteMany({ where: { staffId: link.staffId, usedAt: null } });
    await tx.staffSession.deleteMany({ where: { staffId: link.staffId } });
    return true;
  });
}
