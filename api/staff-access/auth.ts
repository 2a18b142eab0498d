import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Staff } from '../../prisma/generated/client';
import type { PrismaClient } from '../../platform/database';
import { hashPassword, needsRehash, verifyPassword } from '../../prisma/password';
import type { Locale, StaffRole } from '../../domain/vocabulary';
import type { TaskActor } from '../../workflows/tasks';
import { ApiError } from '../http/errors';
import { SignInThrottle, signInThrottleLimits } from './sign-in-throttle';
import { sessionLifetime, StaffSessions } from './staff-sessions';

/** The cookie that carries a staff session in the browser. */
export const SESSION_COOKIE = 'journey_session';

/** Roles whose work belongs to one store: a member of them without a store is refused. */
export const storeRoles: readonly StaffRole[] = ['store', 'club'];

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
    /** Why the session could not be read (the database out of reach); routes that need a caller answer it. */
    callerUnavailable?: unknown;
  }
}

export interface AuthOptions {
  /** The activation system's bearer token; unset, no caller is the activation system. */
  activationToken?: string;
  /** The address staff reach the API at: an `https:` one makes every session cookie `Secure`. */
  publicUrl?: string;
  sessionLifetime?: typeof sessionLifetime;
  throttleLimits?: typeof signInThrottleLimits;
}

/** Staff sign-in, sessions and the caller every route sees. */
export class Auth {
  readonly sessions: StaffSessions;
  private readonly throttle: SignInThrottle;
  private readonly activationDigest?: Buffer;
  private readonly secureCookies: boolean;
  private readonly cookieMaxAgeMs: number;
  /** A hash of a random password, so an unknown username costs the same scrypt work as a known one. */
  private readonly dummyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    private readonly prisma: PrismaClient,
    options: AuthOptions = {},
  ) {
    const lifetime = options.sessionLifetime ?? sessionLifetime;
    this.sessions = new StaffSessions(prisma, lifetime);
    this.throttle = new SignInThrottle(prisma, options.throttleLimits);
    this.cookieMaxAgeMs = lifetime.absoluteMs;
    this.secureCookies = options.publicUrl !== undefined && new URL(options.publicUrl).protocol === 'https:';
    if (options.activationToken) this.activationDigest = digest(options.activationToken);
  }

  /**
   * Checks a username and password under the shared throttle (429 when exhausted); opens a session
   * and returns its token, or answers 401. A hash made with older parameters is upgraded on the way.
   */
  async signIn(username: string, password: string, address: string): Promise<{ token: string; staff: StaffMember }> {
    const attempt = await this.throttle.begin(username, address);
    const row = await this.prisma.staff.findUnique({ where: { username } });
    // The same work and the same answer whether the user exists, has a password yet, or not.
    const ok = await verifyPassword(password, row?.passwordHash ?? (await this.dummyHash));
    if (!row?.passwordHash || !ok || !row.active) {
      throw new ApiError(401, 'bad_credentials', 'wrong username or password');
    }
    await attempt.succeeded();
    if (needsRehash(row.passwordHash)) {
      await this.prisma.staff.updateMany({
        where: { id: row.id, passwordHash: row.passwordHash },
        data: { passwordHash: await hashPassword(password) },
      });
    }
    const staff = staffMemberOf(row);
    if (!staff) {
      throw new ApiError(403, 'staff_without_store', `${row.role} staff need a store; ask an administrator to set it`);
    }
    return { token: await this.sessions.open(row.id), staff };
  }

  /** Ends the caller's session (bearer or cookie) at once. */
  async signOut(request: Request): Promise<void> {
    const token = bearerOf(request) ?? cookieOf(request);
    if (token) await this.sessions.revoke(token);
  }

  /** Sets the session cookie: HTTP only, same-site strict, `Secure` behind HTTPS or with an https PUBLIC_URL. */
  setSessionCookie(request: Request, response: Response, token: string): void {
    response.cookie(SESSION_COOKIE, token, { ...this.cookieOptions(request), maxAge: this.cookieMaxAgeMs });
  }

  clearSessionCookie(request: Request, response: Response): void {
    response.clearCookie(SESSION_COOKIE, this.cookieOptions(request));
  }

  private cookieOptions(request: Request) {
    return { httpOnly: true, sameSite: 'strict', secure: this.secureCookies || request.secure, path: '/' } as const;
  }

  /**
   * Identifies the caller from a bearer token or the session cookie, reading the session and the
   * staff row on every request; never refuses by itself.
   */
  identify: RequestHandler = async (request, _response, next) => {
    const bearer = bearerOf(request);
    const token = bearer ?? cookieOf(request);
    if (bearer && this.activationDigest && timingSafeEqual(digest(bearer), this.activationDigest)) {
      request.caller = { kind: 'activation' };
    } else if (token) {
      try {
        const row = await this.sessions.resolve(token);
        const staff = row && staffMemberOf(row);
        if (staff) {
          request.caller = { kind: 'staff', ...staff };
          request.viaCookie = !bearer;
        }
      } catch (error) {
        request.callerUnavailable = error;
      }
    }
    next();
  };
}

/** A staff row as the routes see it; undefined for a store or club member without a store. */
export function staffMemberOf(row: Staff): StaffMember | undefined {
  if (storeRoles.includes(row.role) && !row.storeId) return undefined;
  return {
    staffId: row.id,
    name: row.displayName,
    role: row.role,
    region: row.region,
    locale: row.locale === 'en' ? 'en' : 'zh-CN',
    ...(row.storeId ? { storeId: row.storeId } : {}),
  };
}

/** The key the sign-in throttle counts an address under (an IPv6 client by its /56). */
export function clientAddress(request: Request): string {
  return ipKeyGenerator(request.ip ?? 'unknown');
}

/** A system calling with a shared bearer token (e.g. the SMS gateway's webhook). */
export function requireBearerToken(token: string | undefined, who: string): RequestHandler {
  const expected = token ? digest(token) : undefined;
  return (request, _response, next) => {
    const given = bearerOf(request);
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
  return (request: Request, response: Response, next: NextFunction) => {
    const caller = request.caller;
    if (!caller && request.callerUnavailable) throw request.callerUnavailable;
    if (!caller) throw new ApiError(401, 'unauthenticated', 'sign in first (POST /v1/sessions)');
    if (caller.kind !== 'staff') throw new ApiError(403, 'forbidden', 'staff only');
    if (roles.length > 0 && !roles.includes(caller.role)) {
      throw new ApiError(403, 'forbidden', `only ${roles.join(', ')} may do this`);
    }
    if (request.viaCookie && !['GET', 'HEAD'].includes(request.method))
      return requireSameOrigin(request, response, next);
    next();
  };
}

/** A form post must come from the staff pages' own origin (sign-in, sign-out, set-password and cookie sessions). */
export const requireSameOrigin: RequestHandler = (request, _response, next) => {
  if (!sameOrigin(request))
    throw new ApiError(403, 'cross_site_request', 'this form must be sent from the staff pages');
  next();
};

/** The staff member as a task actor for the workflow update. */
export function actorOf(staff: StaffMember): TaskActor {
  return { staffId: staff.staffId, role: staff.role, ...(staff.storeId ? { storeId: staff.storeId } : {}) };
}

/** The request's Origin (or Referer) is the API's own origin. */
export function sameOrigin(request: Request): boolean {
  const origin = request.get('origin') ?? request.get('referer');
  if (!origin) return false;
  try {
    // `request.host` is the Host header, or X-Forwarded-Host from a trusted proxy.
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

function bearerOf(request: Request): string | undefined {
  return request.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

function cookieOf(request: Request): string | undefined {
  return (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
