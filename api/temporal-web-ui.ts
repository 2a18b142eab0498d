import express, { Router, type RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import type { Payload } from '@temporalio/common';
import type { Logger } from '../platform/logger';
import type { EncryptionCodec } from '../platform/payload-codec';
import { requireStaff, type StaffMember } from './auth';
import { ApiError } from './errors';
import { TEMPORAL_WEB_UI_PATH } from '../platform/web-ui-paths';

/**
 * The Temporal Web UI, reached through this API so that only signed-in engineers see it (the UI has
 * no sign-in of its own and listens only where the API reaches it), and so that its calls to the
 * codec server come from the API's own origin with the engineer's session cookie. `upstream` is the
 * UI's internal address, served under {@link TEMPORAL_WEB_UI_PATH} (`--ui-public-path`).
 */
export function temporalWebUiProxy(upstream: string): RequestHandler {
  const proxy = createProxyMiddleware({ target: upstream, changeOrigin: true, pathFilter: TEMPORAL_WEB_UI_PATH });
  const engineersOnly = requireStaff('engineer');
  return (request, response, next) => {
    if (request.path !== TEMPORAL_WEB_UI_PATH && !request.path.startsWith(`${TEMPORAL_WEB_UI_PATH}/`)) return next();
    if (request.caller?.kind !== 'staff' && !request.callerUnavailable) {
      return response.redirect(303, `/ui/login?next=${encodeURIComponent(request.originalUrl)}`);
    }
    engineersOnly(request, response, (error?: unknown) => (error ? next(error) : proxy(request, response, next)));
  };
}

type JsonPayload = { metadata?: Record<string, string>; data?: string };

/**
 * The codec server of the Temporal Web UI (its remote codec protocol: `POST /decode` and `/encode`
 * with `{ payloads: [{ metadata, data }] }`, bytes in base64). Engineers only; every decode is logged
 * with who asked. Payloads of an erased subscriber stay ciphertext instead of failing the page.
 */
export function codecServer(codec: EncryptionCodec, log: Logger): Router {
  const router = Router();
  router.use(express.json({ limit: '4mb' }), requireStaff('engineer'));
  router.post('/decode', async (request, response) => {
    const { payloads, undecodable } = await codec.decodeWherePossible(payloadsOf(request.body));
    const staff = request.caller as StaffMember & { kind: 'staff' };
    log.info(
      { staffId: staff.staffId, namespace: request.get('x-namespace'), payloads: payloads.length, undecodable },
      'payloads decoded for an engineer',
    );
    response.json({ payloads: payloads.map(toJson) });
  });
  router.post('/encode', async (request, response) => {
    response.json({ payloads: (await codec.encode(payloadsOf(request.body))).map(toJson) });
  });
  return router;
}

function payloadsOf(body: unknown): Payload[] {
  const payloads = (body as { payloads?: unknown })?.payloads;
  if (!Array.isArray(payloads)) {
    throw new ApiError(400, 'invalid_request', 'payloads: an array of { metadata, data } is required', [
      { field: 'payloads', reason: 'an array of { metadata, data } is required' },
    ]);
  }
  return (payloads as JsonPayload[]).map((payload) => ({
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(String(value), 'base64')]),
    ),
    data: Buffer.from(String(payload.data ?? ''), 'base64'),
  }));
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}
