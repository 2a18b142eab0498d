import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import type { Logger } from '../../platform/logger';

/** One bad field of a request and why, e.g. `{ field: 'msisdn', reason: 'an 11-digit …' }`. */
export interface FieldError {
  field: string;
  reason: string;
}

/** Every problem zod found, as field paths (`contract.prepay`, `issues.0.address`) and reasons. */
export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.');
    const unknown = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : undefined;
    return {
      field: unknown ? [path, unknown].filter(Boolean).join('.') : path || '(body)',
      reason: unknown ? 'unknown field' : issue.message,
    };
  });
}

/** Parses a request part with `schema`, or answers 400 with every bad field. */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = fieldErrors(parsed.error, prefix);
  throw new ApiError(400, 'invalid_request', details.map((d) => `${d.field}: ${d.reason}`).join('; '), details);
}

/**
 * A failure the API reports to its caller: `code` is stable and machine-matched, `message` is for
 * people, `details` carries per-field reasons for validation errors.
 */
export class ApiError extends Error {
  /** Sent as `Retry-After` (e.g. a throttled sign-in); a 503 says 5 s unless set. */
  retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Prisma's codes for a database that did not answer: unreachable, timed out, connection closed, pool exhausted. */
const databaseUnreachableCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** gRPC UNAVAILABLE and DEADLINE_EXCEEDED: the Temporal frontend did not answer (after the client's retries). */
const temporalUnreachableCodes = new Set([14, 4]);

function unreachableDependency(error: unknown): 'database' | 'Temporal' | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'PrismaClientInitializationError') return 'database';
  if (error.name === 'PrismaClientKnownRequestError') {
    const { code, meta } = error as { code?: string; meta?: { message?: unknown } };
    if (databaseUnreachableCodes.has(code ?? '')) return 'database';
    // A raw query (the reports) wraps the driver's failure in P2010 with no code of its own.
    if (code === 'P2010' && /can't reach database server/i.test(String(meta?.message))) return 'database';
  }
  const grpc = error instanceof ServiceError ? error.cause : error;
  if (isGrpcServiceError(grpc) && temporalUnreachableCodes.has(grpc.code)) return 'Temporal';
  return undefined;
}

/**
 * A 503 for an error that says the database or Temporal is out of reach: the request was fine and
 * can be sent again shortly (activations are idempotent), so the caller must not read it as a bug.
 */
export function unavailable(error: unknown): ApiError | undefined {
  const dependency = unreachableDependency(error);
  if (!dependency) return undefined;
  return new ApiError(
    503,
    `${dependency.toLowerCase()}_unavailable`,
    `the ${dependency} service is unavailable right now; try again shortly`,
  );
}

/** Answers unknown routes with the same JSON error shape as every other failure. */
export const notFound: RequestHandler = (request, _response, next) => {
  next(new ApiError(404, 'not_found', `no route for ${request.method} ${request.path}`));
};

/**
 * Turns every error into `{ error: { code, message, details } }`; unexpected errors become a 500
 * whose body says nothing about internals while the log keeps the stack.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (thrown: unknown, _request, response, _next) => {
    const dependencyDown = unavailable(thrown);
    if (dependencyDown)
      log.warn({ code: dependencyDown.code, reason: (thrown as Error).message }, 'dependency unavailable');
    const error = dependencyDown ?? thrown;
    if (error instanceof ApiError) {
      const retryAfter = error.retryAfterSeconds ?? (error.status === 503 ? 5 : undefined);
      if (retryAfter !== undefined) response.set('Retry-After', String(retryAfter));
      response
        .status(error.status)
        .json({ error: { code: error.code, message: error.message, details: error.details } });
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser's errors (malformed JSON, body too large) carry a status and a safe message.
      const type = (error as { type?: string }).type ?? 'bad_request';
      response.status(status).json({ error: { code: type.replace(/\./g, '_'), message: (error as Error).message } });
      return;
    }
    log.error({ err: error }, 'unhandled error');
    response.status(500).json({ error: { code: 'internal', message: 'internal error; see the API log' } });
  };
}
