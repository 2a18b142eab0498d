import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { Router, type RequestHandler } from 'express';
import { createProxyMiddleware, responseInterceptor } from 'http-proxy-middleware';
import type { Payload } from '@temporalio/common';
import type { Logger } from '../../platform/logger';
import { encryptedWith, type EncryptionCodec } from '../../platform/payload-codec';
import { requireStaff, type StaffMember } from './auth';
import { ApiError, type FieldError } from '../http/errors';
import { TEMPORAL_WEB_UI_PATH } from '../../platform/web-ui-paths';

/**
 * The Temporal Web UI, reached through this API so that only signed-in engineers see it (the UI has
 * no sign-in of its own and listens only where the API reaches it), and so that its calls to the
 * codec server come from the API's own origin with the engineer's session cookie. `upstream` is the
 * UI's internal address, served under {@link TEMPORAL_WEB_UI_PATH} (`--ui-public-path`).
 *
 * Engineers read here; they never act on a journey: every write the UI could send (signal, update,
 * start, terminate, reset, cancel, batch, schedules, namespaces) is refused before it reaches the UI
 * server, whose own settings are told to hide them (the dev server's embedded UI has no such setting).
 * Staff actions come from the API alone, and a terminate from the audited erasure.
 */
export function temporalWebUiProxy(upstream: string): RequestHandler {
  const proxy = createProxyMiddleware({
    target: upstream,
    changeOrigin: true,
    pathFilter: TEMPORAL_WEB_UI_PATH,
    selfHandleResponse: true,
    on: { proxyRes: responseInterceptor(readOnlyAndConfined) },
  });
  const engineersOnly = requireStaff('engineer');
  return (request, response, next) => {
    if (request.path !== TEMPORAL_WEB_UI_PATH && !request.path.startsWith(`${TEMPORAL_WEB_UI_PATH}/`)) return next();
    if (request.caller?.kind !== 'staff' && !request.callerUnavailable) {
      return response.redirect(303, `/ui/login?next=${encodeURIComponent(request.originalUrl)}`);
    }
    engineersOnly(request, response, (error?: unknown) => {
      if (error) return next(error);
      if (!isRead(request.method, request.path)) {
        return next(
          new ApiError(403, 'web_ui_read_only', 'the Temporal Web UI is read-only: staff actions go through the API'),
        );
      }
      proxy(request, response, next);
    });
  };
}

/** What the UI may send: reads, and queries (the workflow's state, its stack trace), as the UI server's own read-only mode allows. */
function isRead(method: string, path: string): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  return (
    method === 'POST' &&
    /^\/api\/v1\/namespaces\/[^/]+\/workflows\/[^/]+(\/[^/]+)?\/query\/[^/]+$/.test(
      path.slice(TEMPORAL_WEB_UI_PATH.length),
    )
  );
}

/** The UI's settings with every write action off (the buttons hidden), whatever the UI server says. */
const writeSettings = [
  'DisableWriteActions',
  'WorkflowTerminateDisabled',
  'WorkflowCancelDisabled',
  'WorkflowSignalDisabled',
  'WorkflowUpdateDisabled',
  'WorkflowResetDisabled',
  'WorkflowPauseDisabled',
  'BatchActionsDisabled',
  'StartWorkflowDisabled',
  'ActivityCommandsDisabled',
];

/**
 * Every answer of the UI gets the staff pages' protections, which helmet (mounted after the proxy)
 * cannot add: a Content Security Policy allowing the UI's own scripts (its one inline bootstrap
 * script by its hash), its own origin for calls, and no framing.
 */
async function readOnlyAndConfined(
  body: Buffer,
  proxyResponse: IncomingMessage,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<Buffer | string> {
  const path = new URL(request.url ?? '/', 'http://ui').pathname;
  let answer: Buffer | string = body;
  if (path === `${TEMPORAL_WEB_UI_PATH}/api/v1/settings` && proxyResponse.statusCode === 200) {
    const settings = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    for (const setting of writeSettings) settings[setting] = true;
    answer = JSON.stringify(settings);
  }
  const scripts = String(proxyResponse.headers['content-type']).startsWith('text/html')
    ? [...body.toString('utf8').matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
        ([, script]) => `'sha256-${createHash('sha256').update(script!).digest('base64')}'`,
      )
    : [];
  response.setHeader(
    'content-security-policy',
    [
      "default-src 'self'",
      `script-src 'self' ${scripts.join(' ')}`.trim(),
      // Svelte sets styles inline.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('referrer-policy', 'same-origin');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  response.setHeader('x-content-type-options', 'nosniff');
  if (path.startsWith(`${TEMPORAL_WEB_UI_PATH}/api/`)) response.setHeader('cache-control', 'no-store');
  return answer;
}

type JsonPayload = { metadata: Record<string, string>; data: string };

/**
 * The codec server of the Temporal Web UI (its remote codec protocol: `POST /decode` and `/encode`
 * with `{ payloads: [{ metadata, data }] }`, bytes in base64). Engineers only; every decode is logged
 * with who asked and whose payloads they read. Payloads of an erased subscriber stay ciphertext
 * instead of failing the page. Encoding is refused: the UI needs it only for the write actions it may
 * not send, and it would let an engineer seal anything under the master key.
 */
export function codecServer(codec: EncryptionCodec, log: Logger): Router {
  const router = Router();
  router.use(express.json({ limit: '4mb' }), requireStaff('engineer'));
  router.post('/decode', async (request, response) => {
    const given = payloadsOf(request.body);
    const { payloads, undecodable } = await codec.decodeWherePossible(given);
    const staff = request.caller as StaffMember & { kind: 'staff' };
    log.info(
      {
        staffId: staff.staffId,
        namespace: request.get('x-namespace'),
        payloads: payloads.length,
        undecodable,
        subscribers: subscribersOf(given),
      },
      'payloads decoded for an engineer',
    );
    response.json({ payloads: payloads.map(toJson) });
  });
  router.post('/encode', (request, response) => {
    if (payloadsOf(request.body).length > 0) {
      throw new ApiError(403, 'encoding_refused', 'the codec server only decodes: staff actions go through the API');
    }
    response.json({ payloads: [] });
  });
  return router;
}

/** The subscribers whose data keys sealed `payloads` (from their key ids): who the engineer read about. */
function subscribersOf(payloads: Payload[]): string[] {
  const ids = new Set<string>();
  for (const payload of payloads) {
    try {
      const keyId = encryptedWith(payload);
      if (keyId?.startsWith('subscriber:')) ids.add(keyId.slice('subscriber:'.length));
    } catch {
      // Without its key id it is undecodable, and counted so.
    }
  }
  return [...ids];
}

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

function payloadsOf(body: unknown): Payload[] {
  const payloads = (body as { payloads?: unknown })?.payloads;
  if (!Array.isArray(payloads)) {
    throw new ApiError(400, 'invalid_request', 'payloads: an array of { metadata, data } is required', [
      { field: 'payloads', reason: 'an array of { metadata, data } is required' },
    ]);
  }
  const problems: FieldError[] = [];
  payloads.forEach((payload: unknown, index) => {
    const { metadata = {}, data = '' } = (payload ?? {}) as Partial<Record<keyof JsonPayload, unknown>>;
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
      problems.push({ field: `payloads.${index}`, reason: 'must be an object { metadata, data }' });
    } else if (
      !metadata ||
      typeof metadata !== 'object' ||
      Object.values(metadata).some((value) => typeof value !== 'string' || !base64.test(value))
    ) {
      problems.push({ field: `payloads.${index}.metadata`, reason: 'must map names to base64 strings' });
    } else if (typeof data !== 'string' || !base64.test(data)) {
      problems.push({ field: `payloads.${index}.data`, reason: 'must be a base64 string' });
    }
  });
  if (problems.length > 0) {
    throw new ApiError(400, 'invalid_request', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), problems);
  }
  return (payloads as Partial<JsonPayload>[]).map((payload) => ({
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
    ),
    data: Buffer.from(payload.data ?? '', 'base64'),
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
