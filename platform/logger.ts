import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Creates the structured JSON logger of one process. `service` is stamped on every line so the logs
 * of the API and the worker can share one sink.
 */
export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['password', '*.password', 'initialPassword', '*.initialPassword'], censor: '[redacted]' },
  });
}
