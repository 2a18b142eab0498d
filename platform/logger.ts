import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** `json`: one JSON object a line, for files, pipes and production; `pretty`: readable lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/** The format `LOG_FORMAT` names; JSON unless it says `pretty` (platform/config.ts refuses other values). */
function configuredFormat(): LogFormat {
  return process.env.LOG_FORMAT === 'pretty' ? 'pretty' : 'json';
}

/**
 * The format for a command people run by hand: `LOG_FORMAT` when set, otherwise readable lines when
 * stdout is a terminal and JSON lines when it is a file or a pipe.
 */
export function formatForTerminal(): LogFormat {
  const set = process.env.LOG_FORMAT;
  if (set === 'json' || set === 'pretty') return set;
  return process.stdout.isTTY ? 'pretty' : 'json';
}

/**
 * Creates the structured logger of one process. `service` is stamped on every line so the logs
 * of the API and the worker can share one sink. JSON lines unless `format` (by default `LOG_FORMAT`)
 * says `pretty`: then `[time] LEVEL: service: message {key fields}`, written synchronously like JSON.
 */
export function createLogger(
  service: string,
  level: string = process.env.LOG_LEVEL ?? 'info',
  format: LogFormat = configuredFormat(),
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ['password', '*.password', 'initialPassword', '*.initialPassword'], censor: '[redacted]' },
  };
  if (format === 'json') return pino(options);
  return pino(
    options,
    pretty({
      sync: true,
      translateTime: 'SYS:HH:MM:ss.l',
      messageFormat: '{service}: {msg}',
      ignore: 'service',
      singleLine: true,
    }),
  );
}
