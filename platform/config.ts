import { z } from 'zod';

/**
 * Thrown when an environment variable is missing or malformed; `variable` names it so the process can
 * stop with one line that tells the operator what to fix.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

export const port = z.coerce.number().int().min(1).max(65535);
export const millis = z.coerce.number().int().min(0);

const postgresUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgresql:' || url.protocol === 'postgres:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  { message: 'must be a postgresql://user:password@host:port/database URL' },
);

const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/, { message: 'must be host:port, e.g. 127.0.0.1:7233' });

const schema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: postgresUrl.default('postgresql://journey:journey@127.0.0.1:5432/journey'),
  TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('onboarding-journey'),
  /** Base URL of the Temporal Web UI, used for links to a journey's history. */
  TEMPORAL_UI_URL: z.url().default('http://127.0.0.1:8233'),
  /** mTLS for a Temporal cluster: both paths or neither. */
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  /** Seconds to wait for Temporal at start before giving up with a clear error. */
  TEMPORAL_CONNECT_TIMEOUT_MS: millis.default(10_000),
  /** Interface the API and the worker's health endpoint bind to; 0.0.0.0 in containers. */
  HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  WORKER_HEALTH_PORT: port.default(3001),
  /** `outbox`: the outbox table is the delivery record; `http`: POST to SMS_GATEWAY_URL as well. */
  SMS_PROVIDER: z.enum(['outbox', 'http']).default('outbox'),
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  /** 32 bytes, base64: seals initial passwords between the API and the SMS activity. */
  SECRET_SEALING_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, {
      message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    })
    .optional(),
  /** The activation system's bearer token; unset, the API refuses every activation request. */
  ACTIVATION_API_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Signs staff sessions; unset, the API makes one at start (sessions then end with the process). */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Demonstrations only: journeys the API starts run on days of this many seconds (unset: real days). */
  JOURNEY_DAY_SECONDS: z.coerce.number().positive().max(86_400).optional(),
  /** How long the worker may take to finish in-flight activities after SIGTERM. */
  SHUTDOWN_GRACE_MS: millis.default(30_000),
  /**
   * Journeys the worker keeps in memory between their tasks (the sticky cache); a journey pushed out
   * replays its history on its next task. Unset: the SDK's default, sized from the heap limit.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().positive().optional(),
});

/** The validated configuration of a process; every field comes from an environment variable. */
export type Config = z.infer<typeof schema>;

/**
 * Parses the environment once at start. Throws {@link ConfigError} naming the first bad variable;
 * unknown variables are ignored so the same environment can serve every process.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = parseEnvironment(schema, env);
  if (config.SMS_PROVIDER === 'http' && !config.SMS_GATEWAY_URL) {
    throw new ConfigError('SMS_GATEWAY_URL', 'is required when SMS_PROVIDER=http');
  }
  if (Boolean(config.TEMPORAL_TLS_CERT_PATH) !== Boolean(config.TEMPORAL_TLS_KEY_PATH)) {
    throw new ConfigError('TEMPORAL_TLS_CERT_PATH', 'and TEMPORAL_TLS_KEY_PATH must be set together');
  }
  return config;
}

/**
 * Parses the variables `variables` declares from `env` (empty counts as unset). Throws
 * {@link ConfigError} naming the first bad variable and the value it got (a URL's password hidden).
 */
export function parseEnvironment<T extends z.ZodType>(variables: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = variables.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const got = env[variable];
    throw new ConfigError(variable, `${issue.message}${got === undefined ? '' : ` (got "${redactUrl(got)}")`}`);
  }
  return result.data;
}

/** Hides the password of a URL-shaped value so configuration errors and logs never leak it. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value;
  }
}
