import cookieParser from 'cookie-parser';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Registry } from 'prom-client';
import { checkReadiness, type ReadinessChecks } from '../platform/health';
import type { TrustProxy } from '../platform/config';
import type { Logger } from '../platform/logger';
import type { PrismaClient } from '../platform/database';
import type { Protection } from '../platform/protection';
import { requireBearerToken, type Auth } from './staff-access/auth';
import { errorHandler, notFound } from './http/errors';
import { httpMetrics } from './http/request-metrics';
import type { JourneyService } from './journeys/journey-service';
import { openApiDocument } from './http/openapi';
import { CODEC_PATH } from '../platform/web-ui-paths';
import { codecServer, temporalWebUiProxy } from './staff-access/temporal-web-ui';
import { staffUi } from './ui/routes';
import { v1Router, v1Routes } from './v1';

/** What the HTTP API needs from the rest of the system. */
export interface AppDependencies {
  log: Logger;
  readinessChecks: ReadinessChecks;
  /** The Temporal Web UI's internal address; it serves under /temporal, which this API proxies. */
  temporalUiUrl: string;
  prisma: PrismaClient;
  protection: Protection;
  journeys: JourneyService;
  auth: Auth;
  /** Express's `trust proxy`: the proxies whose X-Forwarded-For/-Proto/-Host are believed (default loopback). */
  trustProxy?: TrustProxy;
  /** The SMS gateway's bearer token for the inbound webhook (SMS_INBOUND_TOKEN); unset, the webhook refuses every call. */
  smsInboundToken?: string;
  /** Where request counts and latencies go (served apart from the API, see api/main.ts); unset, none are kept. */
  metrics?: Registry;
}

/** Builds the Express application; `api/main.ts` binds it to a port, tests may bind it anywhere. */
export function createApp(deps: AppDependencies): Express {
  const { log, readinessChecks, temporalUiUrl, auth } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Which proxies' X-Forwarded-* to believe (client address, https): TRUST_PROXY.
  app.set('trust proxy', deps.trustProxy ?? 'loopback');
  if (deps.metrics) app.use(httpMetrics(deps.metrics));
  app.use(requestLog(log));
  app.use(cookieParser());
  app.use(auth.identify);
  // The Temporal Web UI passes through untouched (its own headers, its own request bodies).
  app.use(temporalWebUiProxy(temporalUiUrl));
  // Same-origin referrers: with `no-referrer` browsers send `Origin: null` on form posts, and the
  // staff pages' posts are checked to come from our own origin.
  app.use(helmet({ referrerPolicy: { policy: 'same-origin' } }));
  // Answers and pages carry personal data: no browser or proxy keeps a copy.
  app.use((_request, response, next) => {
    response.set('cache-control', 'no-store');
    next();
  });
  // A history page sends the codec server more than the API's 64 kB.
  app.use(CODEC_PATH, codecServer(deps.protection.codec, log));
  app.use(express.json({ limit: '64kb' }));
  app.use(express.urlencoded({ extended: true, limit: '64kb' }));

  app.get('/healthz', (_request, response) => {
    response.json({ alive: true });
  });
  app.get('/readyz', async (_request, response) => {
    const readiness = await checkReadiness(readinessChecks, log);
    response.status(readiness.ready ? 200 : 503).json(readiness);
  });
  app.get('/', (_request, response) => {
    response.redirect(303, '/ui/tasks');
  });

  const routes = v1Routes(deps);
  const openApi = openApiDocument(routes);
  app.get('/v1/openapi.json', (_request, response) => {
    response.json(openApi);
  });
  app.use(v1Router(routes, requireBearerToken(deps.smsInboundToken, 'the SMS gateway')));
  app.use('/ui', staffUi(deps));

  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}

/** One line per request: method, route, status, time. Never bodies or headers (numbers, tokens). */
function requestLog(log: Logger): RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { method: request.method, path: request.path, status: response.statusCode, ms: Math.round(ms) };
      if (response.statusCode >= 500) log.error(line, 'request failed');
      else log.debug(line, 'request');
    });
    next();
  };
}
