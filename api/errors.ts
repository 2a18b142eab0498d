import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../platform/logger';

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
