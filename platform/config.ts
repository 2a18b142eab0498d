// Longer than ~250 lines on purpose: every environment variable of every process is parsed and checked
// here, one place that names a bad value.
import { isIP } from 'node:net';
import { z } from 'zod';
import { controlTouches, MAX_CONTROL_SHARE } from '../domain/control-group';
import { parseKeyring } from './master-keys';

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
/** A port for a metrics endpoint; 0 serves none. */
const metricsPort = z.coerce.number().int().min(0).max(65535);
/** A worker tuning figure; unset keeps the SDK's default. */
const positive = z.coerce.number().int().min(1).optional();
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

/** Express's `trust proxy`: nobody, a hop count, or addresses, subnets and Express's names for ranges. */
export type TrustProxy = false | number | string[];

const proxyRangeNames = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrSubnet(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

const trustProxy = z
  .string()
  .transform((value, context): TrustProxy => {
    const text = value.trim().toLowerCase();
    if (text === 'false' || text === 'none') return false;
    if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 10) return Number(text);
    const entries = text.split(',').map((entry) => entry.trim());
    const bad = entries.find((entry) => !proxyRangeNames.includes(entry) && !isAddressOrSubnet(entry));
    if (bad === undefined) return entries;
    context.addIssue({
      code: 'custom',
      message:
        text === 'true' || text === '*'
          ? 'trusting every address lets any client forge X-Forwarded-For; name the proxies (addresses, subnets, loopback) or a hop count'
          : `"${bad}" is not an address, a subnet, loopback, linklocal or uniquelocal; or give false or a hop count (1-10)`,
    });
    return z.NEVER;
  })
  .default(['loopback']);

const publicUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).refine(
  (value) => {
    const url = new URL(value);
    return url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  },
  { message: 'must be an origin only, e.g. https://journey.example.cn (no path, query or credentials)' },
);

const schema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` lines (files, pipes, production) or `pretty` readable lines; `npm start` picks `pretty` on a terminal. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  DATABASE_URL: postgresUrl.default('postgresql://journey:journey@127.0.0.1:5432/journey'),
  TEMPORAL_ADDRESS: hostPort.default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('onboarding-journey'),
  /** Base URL of the Temporal Web UI, used for links to a journey's history. */
  TEMPORAL_UI_URL: z.url().default('http://127.0.0.1:8233'),
  /** mTLS for a Temporal cluster: the client certificate and key, both or neither. */
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  /** The CA that signed the cluster's frontend certificate, when it is not a public one. */
  TEMPORAL_TLS_CA_PATH: z.string().min(1).optional(),
  /** The name in the frontend's certificate, when TEMPORAL_ADDRESS names it otherwise (an IP, a proxy). */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** Seconds to wait for Temporal at start before giving up with a clear error. */
  TEMPORAL_CONNECT_TIMEOUT_MS: millis.default(10_000),
  /** Interface the API and the worker's health endpoint bind to; 0.0.0.0 in containers. */
  HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  WORKER_HEALTH_PORT: port.default(3001),
  /** `outbox`: the outbox table is the delivery record; `http`: POST to SMS_GATEWAY_URL as well. */
  SMS_PROVIDER: z.enum(['outbox', 'http']).default('outbox'),
  /** Must be https: the password SMS travels through it (plain http only to a gateway on loopback). */
  SMS_GATEWAY_URL: z
    .url()
    .refine(
      (value) => {
        if (!URL.canParse(value)) return true; // z.url() has said so
        const url = new URL(value);
        return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      },
      { message: 'must be an https:// URL (plain http only on loopback): initial passwords travel through it' },
    )
    .optional(),
  /** The bearer token the worker sends the gateway with (outbound SMS). */
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  /**
   * The bearer token the gateway calls the inbound webhook (POST /v1/sms/inbound) with; unset, the
   * webhook refuses every call. Another secret than SMS_GATEWAY_TOKEN: whoever learns the one the
   * worker sends cannot feed the journeys SMS.
   */
  SMS_INBOUND_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /**
   * The master keys, `id:base64,id:base64` (32 bytes each, the first one active): they wrap each
   * subscriber's data key, which encrypts their journey history, SMS bodies and sealed passwords.
   * Required by the API and the worker (see {@link requireMasterKeys}).
   */
  JOURNEY_MASTER_KEYS: z
    .string()
    .superRefine((value, context) => {
      try {
        parseKeyring(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .optional(),
  /** The activation system's bearer token; unset, the API refuses every activation request. */
  ACTIVATION_API_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  /**
   * The address staff reach the API at, e.g. https://journey.example.cn behind a TLS-terminating
   * proxy: set-password links point there, and an https one makes every session cookie `Secure`.
   */
  PUBLIC_URL: publicUrl.optional(),
  /** Which proxies Express believes for X-Forwarded-For/-Proto/-Host (client address, https). */
  TRUST_PROXY: trustProxy,
  /** Demonstrations only: journeys the API starts run on days of this many seconds (unset: real days). */
  JOURNEY_DAY_SECONDS: z.coerce.number().positive().max(86_400).optional(),
  /**
   * With JOURNEY_DAY_SECONDS: the business clock (domain/simulated-clock.ts) reads JOURNEY_SIMULATED_START
   * at the real instant JOURNEY_SIMULATED_REAL_START (both ISO; by default both the API's start), so a
   * simulation that restarts the API keeps one clock.
   */
  JOURNEY_SIMULATED_START: z.iso.datetime({ offset: true }).optional(),
  JOURNEY_SIMULATED_REAL_START: z.iso.datetime({ offset: true }).optional(),
  /** How long the worker may take to finish in-flight activities after SIGTERM. */
  SHUTDOWN_GRACE_MS: millis.default(30_000),
  /**
   * Journeys the worker keeps in memory between their tasks (the sticky cache); a journey pushed out
   * replays its history on its next task. Unset: the SDK's default, sized from the heap limit; 0
   * caches nothing, so every task replays its whole history (the upgrade test runs so).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  /** Workflow tasks the worker runs at once (SDK default 40). */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: positive,
  /** Activities the worker runs at once (SDK default 100). */
  WORKER_MAX_CONCURRENT_ACTIVITIES: positive,
  /** Long polls for workflow tasks (SDK default 10); at least 2. */
  WORKER_WORKFLOW_TASK_POLLERS: z.coerce.number().int().min(2).optional(),
  /** Long polls for activity tasks (SDK default 10). */
  WORKER_ACTIVITY_TASK_POLLERS: positive,
  /**
   * Share of the workflow-task polls that ask the queue every worker serves (new journeys) rather than
   * this worker's sticky queue (journeys it holds). The SDK's 0.2 lets a burst's first journeys finish
   * their start before later ones begin, which held their first SMS back (bench:first-sms); 1 polls both alike.
   */
  WORKER_NON_STICKY_POLL_RATIO: z.coerce.number().gt(0).max(1).default(1),
  /**
   * When set, the worker's workflow- and activity-task polls scale with the server's feedback from a
   * few up to this many each (the SDK's poller autoscaling), instead of the fixed counts above.
   */
  WORKER_POLLER_AUTOSCALING_MAX: z.coerce.number().int().min(2).max(500).optional(),
  /** The worker's Prometheus endpoint (the SDK's own metrics) on HOST; 0 serves none. */
  WORKER_METRICS_PORT: metricsPort.default(9464),
  /** The API's Prometheus endpoint (HTTP and business figures) on HOST, apart from API_PORT; 0 serves none. */
  API_METRICS_PORT: metricsPort.default(9465),
  /** How old the business figures (counted in PostgreSQL) may be before a scrape recounts them. */
  BUSINESS_METRICS_MAX_AGE_MS: z.coerce.number().int().min(1_000).default(15_000),
  /** How often the API rereads plans and stores, which it keeps in memory. */
  CATALOG_RELOAD_MS: z.coerce.number().int().min(1_000).default(60_000),
  /**
   * Share of standard-tier subscribers held out of CONTROL_GROUP_TOUCH to measure its lift
   * (docs/control-group.md), e.g. 0.05; 0 runs no experiment. At most 0.5.
   */
  CONTROL_GROUP_SHARE: z.coerce
    .number()
    .min(0, 'must be a share from 0 to 0.5, e.g. 0.05')
    .max(MAX_CONTROL_SHARE, 'must be a share from 0 to 0.5, e.g. 0.05')
    .default(0),
  /** The paid human touch the control group skips. */
  CONTROL_GROUP_TOUCH: z.enum(controlTouches).default('first_followup_call'),
  /**
   * How many days after a journey ends the subscriber's personal data is kept (PIPL): then the API
   * destroys their data key, as an erasure on request does (api/journeys/retention.ts); 0 keeps it until one.
   * Fractions are allowed (a test's short period).
   */
  PERSONAL_DATA_RETENTION_DAYS: z.coerce.number().min(0, 'must be a number of days, 0 for none').default(365),
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
  if (config.SMS_INBOUND_TOKEN && config.SMS_INBOUND_TOKEN === config.SMS_GATEWAY_TOKEN) {
    throw new ConfigError('SMS_INBOUND_TOKEN', 'must differ from SMS_GATEWAY_TOKEN (one secret for each direction)');
  }
  if (Boolean(config.TEMPORAL_TLS_CERT_PATH) !== Boolean(config.TEMPORAL_TLS_KEY_PATH)) {
    throw new ConfigError('TEMPORAL_TLS_CERT_PATH', 'and TEMPORAL_TLS_KEY_PATH must be set together');
  }
  return config;
}

/** The master keyring, which the API and the worker cannot run without. */
export function requireMasterKeys(config: Config): string {
  if (!config.JOURNEY_MASTER_KEYS) {
    throw new ConfigError(
      'JOURNEY_MASTER_KEYS',
      'is required: id:base64key[,…] of 32-byte keys (e.g. k1:$(openssl rand -base64 32)); npm start keeps one in data/secrets/master-keys',
    );
  }
  return config.JOURNEY_MASTER_KEYS;
}

/** Variables whose values are secrets, whatever else they are: their values are never shown. */
const secretVariable = /TOKEN|KEY|SECRET|PASSWORD|PASSPHRASE|CREDENTIAL/i;

/** Names of URL query parameters (and `name=value` settings) that carry secrets, e.g. `password=`, `apikey=`, `sslkey=`. */
const secretParameter = /pass|pwd|key|token|secret|credential|auth|signature|sig$/i;

/**
 * ` (got "…")` for a configuration error, or nothing for a secret: a token, key or password, or
 * something that may be a URL with a password but does not parse (so its password cannot be masked).
 */
function shownValue(variable: string, value: string): string {
  if (secretVariable.test(variable)) return '';
  if (URL.canParse(value)) return ` (got "${redactUrl(value)}")`;
  const namesSecret = [...value.matchAll(/([A-Za-z_][\w.-]*)\s*=/g)].some(([, name]) => secretParameter.test(name!));
  return value.includes('@') || namesSecret ? '' : ` (got "${value}")`;
}

/**
 * Parses the variables `variables` declares from `env` (empty counts as unset). Throws
 * {@link ConfigError} naming the first bad variable and, unless it is a secret, the value it got.
 */
export function parseEnvironment<T extends z.ZodType>(variables: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = variables.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const got = env[variable];
    throw new ConfigError(variable, `${issue.message}${got === undefined ? '' : shownValue(variable, got)}`);
  }
  return result.data;
}

/**
 * Hides the password of a URL-shaped value, and the values of its query parameters that carry secrets
 * (`?password=`, `?apikey=`), so configuration errors and logs never leak them.
 */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    for (const name of new Set(url.searchParams.keys())) {
      if (secretParameter.test(name)) url.searchParams.set(name, '***');
    }
    return url.toString();
  } catch {
    return value;
  }
}
