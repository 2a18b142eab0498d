import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import type { Logger } from '../platform/logger';

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

/** Answers unknown routes with the same JSON error shape as every other failure. */
export const notFound: RequestHandler = (request, _response, next) => {
  next(new ApiError(404, 'not_found', `no route for ${request.method} ${request.path}`));
};

/**
 * Turns every error into `{ error: { code, message, details } }`; unexpected errors become a 500
 * whose body says nothing about internals while the log keeps the stack.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, _next) => {
    if (error instanceof ApiError) {
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
