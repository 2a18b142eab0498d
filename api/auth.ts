import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { PrismaClient } from '../platform/database';
import { hashPassword, verifyPassword } from '../prisma/password';
import { locales, staffRoles, type Locale, type StaffRole } from '../workflows/domain';
import type { TaskActor } from '../workflows/tasks';
import { ApiError } from './errors';

/** The cookie that carries a staff session in the browser. */
export const SESSION_COOKIE = 'journey_session';
const SESSION_HOURS = 8;

/** A signed-in staff member, as every route sees them. */
export interface StaffMember {
  staffId: string;
  name: string;
  role: StaffRole;
  storeId?: string;
  region: string;
  locale: Locale;
}

/** Who is calling: the activation system (bearer token) or a staff member (session). */
export type Caller = { kind: 'activation' } | ({ kind: 'staff' } & StaffMember);

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
    /** True when the session came from the cookie: such unsafe requests must come from our own pages. */
    viaCookie?: boolean;
  }
}

const sessionClaims = z.object({
  sub: z.string(),
  name: z.string(),
  role: z.enum(staffRoles),
  storeId: z.string().optional(),
  region: z.string(),
  locale: z.enum(locales),
});

/** Staff sign-in and the checks every route runs. */
export class Auth {
  private readonly activationDigest?: Buffer;
  /** A hash of a random password, so an unknown username costs the same scrypt work as a known one. */
  private readonly dummyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    private readonly prisma: PrismaClient,
    private readonly sessionSecret: string,
    activationToken?: string,
  ) {
    if (activationToken) this.activationDigest = digest(activationToken);
  }

  /** Checks a username and password; a session token for the staff member, or a 401. */
  async signIn(username: string, password: string): Promise<{ token: string; staff: StaffMember }> {
    const row = await this.prisma.staff.findUnique({ where: { username } });
    // The same work and the same answer whether the user exists or not.
    const ok = await verifyPassword(password, row?.passwordHash ?? (await this.dummyHash));
    if (!row || !ok || !row.active) throw new ApiError(401, 'bad_credentials', 'wrong username or password');
    const staff: StaffMember = {
      staffId: row.id,
      name: row.displayName,
      role: row.role,
      region: row.region,
      locale: row.locale === 'en' ? 'en' : 'zh-CN',
      ...(row.storeId ? { storeId: row.storeId } : {}),
    };
    const { staffId, ...claims } = staff;
    const token = jwt.sign(claims, this.sessionSecret, {
      subject: staffId,
      algorithm: 'HS256',
      expiresIn: `${SESSION_HOURS}h`,
    });
    return { token, staff };
  }

  /** Sets the session cookie (HTTP only, same-site strict, secure behind HTTPS). */
  setSessionCookie(request: Request, response: Response, token: string): void {
    response.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      maxAge: SESSION_HOURS * 3_600_000,
      path: '/',
    });
  }

  /** Identifies the caller from a bearer token or the session cookie; never refuses by itself. */
  identify: RequestHandler = (request, _response, next) => {
    const header = request.get('authorization');
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (bearer && this.activationDigest && timingSafeEqual(digest(bearer), this.activationDigest)) {
      request.caller = { kind: 'activation' };
    } else if (bearer ?? cookie) {
      const staff = this.verifySession((bearer ?? cookie)!);
      if (staff) {
        request.caller = { kind: 'staff', ...staff };
        request.viaCookie = !bearer;
      }
    }
    next();
  };

  private verifySession(token: string): StaffMember | undefined {
    try {
      const payload = jwt.verify(token, this.sessionSecret, { algorithms: ['HS256'] });
      const claims = sessionClaims.parse(payload);
      return { staffId: claims.sub, ...claims };
    } catch {
      return undefined;
    }
  }
}

/** A system calling with a shared bearer token (e.g. the SMS gateway's webhook). */
export function requireBearerToken(token: string | undefined, who: string): RequestHandler {
  const expected = token ? digest(token) : undefined;
  return (request, _response, next) => {
    const given = request.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!expected || !given || !timingSafeEqual(digest(given), expected)) {
      throw new ApiError(401, 'unauthenticated', `${who}'s bearer token is required`);
    }
    next();
  };
}

/** Only the activation system (its bearer token). */
export const requireActivationSystem: RequestHandler = (request, _response, next) => {
  if (!request.caller) throw new ApiError(401, 'unauthenticated', 'a bearer token is required');
  if (request.caller.kind !== 'activation') {
    throw new ApiError(403, 'forbidden', 'only the activation system may do this');
  }
  next();
};

/** A signed-in staff member, optionally of the given roles; cookie sessions only from our own pages. */
export function requireStaff(...roles: StaffRole[]): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    const caller = request.caller;
    if (!caller) throw new ApiError(401, 'unauthenticated', 'sign in first (POST /v1/sessions)');
    if (caller.kind !== 'staff') throw new ApiError(403, 'forbidden', 'staff only');
    if (roles.length > 0 && !roles.includes(caller.role)) {
      throw new ApiError(403, 'forbidden', `only ${roles.join(', ')} may do this`);
    }
    if (request.viaCookie && !['GET', 'HEAD'].includes(request.method) && !sameOrigin(request)) {
      throw new ApiError(403, 'cross_site_request', 'this form must be sent from the staff pages');
    }
    next();
  };
}

/** The staff member as a task actor for the workflow update. */
export function actorOf(staff: StaffMember): TaskActor {
  return { staffId: staff.staffId, role: staff.role, ...(staff.storeId ? { storeId: staff.storeId } : {}) };
}

function sameOrigin(request: Request): boolean {
  const origin = request.get('origin') ?? request.get('referer');
  if (!origin) return false;
  try {
    return new URL(origin).host === request.get('host');
  } catch {
    return false;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
