import express, { type Express } from 'express';
import helmet from 'helmet';
import { checkReadiness, type ReadinessChecks } from '../platform/health';
import type { Logger } from '../platform/logger';
import { errorHandler, notFound } from './errors';

/** What the HTTP API needs from the rest of the system. */
export interface AppDependencies {
  log: Logger;
  readinessChecks: ReadinessChecks;
  temporalUiUrl: string;
}

/** Builds the Express application; `api/main.ts` binds it to a port, tests may bind it anywhere. */
export function createApp({ log, readinessChecks, temporalUiUrl }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(express.json({ limit: '64kb' }));

  app.get('/healthz', (_request, response) => {
    response.json({ alive: true });
  });
  app.get('/readyz', async (_request, response) => {
    const readiness = await checkReadiness(readinessChecks);
    response.status(readiness.ready ? 200 : 503).json(readiness);
  });
  app.get('/', (_request, response) => {
    response.json({
      service: 'onboarding-journey',
      links: { health: '/healthz', readiness: '/readyz', temporalWebUi: temporalUiUrl },
    });
  });

  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
