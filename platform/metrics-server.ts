import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { ConfigError } from './config';
import type { Logger } from './logger';

/**
 * Serves `registry` at `/metrics` for Prometheus on its own port, apart from the public API: the
 * figures are for the operator's monitoring network, not for whoever reaches the API.
 */
export async function startMetricsServer(
  host: string,
  port: number,
  registry: Registry,
  variable: string,
  log: Logger,
): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics lives here\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        log.warn({ reason: error instanceof Error ? error.message : String(error) }, 'metrics scrape failed');
        response.writeHead(503, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(new ConfigError(variable, `cannot listen on ${host}:${port}: ${error.message}`)),
    );
    server.listen(port, host, () => resolve());
  });
  return server;
}

/**
 * Fails with a {@link ConfigError} naming `variable` when `host:port` is taken: for endpoints that
 * another component binds later (the SDK's core runtime) and would otherwise fail without a clear word.
 */
export async function assertPortFree(host: string, port: number, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) =>
      reject(new ConfigError(variable, `cannot listen on ${host}:${port}: ${error.message}`)),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
