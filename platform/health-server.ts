import { createServer, type Server } from 'node:http';
import { checkReadiness, type ReadinessChecks } from './health';
import type { Logger } from './logger';

/**
 * Serves `/healthz` (the process is alive) and `/readyz` (its dependencies answer) for processes
 * that have no HTTP API of their own, such as the worker.
 */
export async function startHealthServer(
  host: string,
  port: number,
  checks: ReadinessChecks,
  isAlive: () => boolean,
  log: Logger,
): Promise<Server> {
  const server = createServer((request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (request.url === '/healthz') {
      const alive = isAlive();
      reply(alive ? 200 : 503, { alive });
    } else if (request.url === '/readyz') {
      void checkReadiness(checks, log).then((readiness) => reply(readiness.ready ? 200 : 503, readiness));
    } else {
      reply(404, { error: { code: 'not_found', message: 'only /healthz and /readyz live here' } });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
