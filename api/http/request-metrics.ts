import type { RequestHandler } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { CODEC_PATH, TEMPORAL_WEB_UI_PATH } from '../../platform/web-ui-paths';

/**
 * The route a request matched, as its pattern (`/v1/subscribers/:id`), never the path itself: paths
 * carry subscriber and task ids, which are personal data and would make a series per subscriber.
 */
function routeOf(request: Parameters<RequestHandler>[0]): string {
  if (request.route) return `${request.baseUrl}${String(request.route.path)}`;
  for (const prefix of [TEMPORAL_WEB_UI_PATH, CODEC_PATH]) {
    if (request.originalUrl === prefix || request.originalUrl.startsWith(`${prefix}/`)) return prefix;
  }
  return 'unmatched';
}

/** Counts every request and times it, by method, route and status (`http_requests_total`, `http_request_duration_seconds`). */
export function httpMetrics(registry: Registry): RequestHandler {
  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request to the end of its answer, by method, route pattern and status code',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const labels = { method: request.method, route: routeOf(request), status: String(response.statusCode) };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
