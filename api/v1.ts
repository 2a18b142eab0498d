// Longer than ~250 lines on purpose: it is the table of every /v1 route with its access rule and
// OpenAPI entry: one place to read what the API offers and who may call what.
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { PrismaClient } from '../platform/database';
import type { Protection } from '../platform/protection';
import type { Logger } from '../platform/logger';
import { maskMsisdn } from '../workflows/search-attributes';
import {
  clientAddress,
  requireActivationSystem,
  sameOrigin,
  requireStaff,
  type Auth,
  type StaffMember,
} from './staff-access/auth';
import { ApiError, parseRequest } from './http/errors';
import {
  activationRequestSchema,
  bssOrderResultSchema,
  collectOrdersQuery,
  orderIdParam,
  completeTaskSchema,
  typedCompletionSchema,
  erasureRequestSchema,
  eventRequestSchema,
  inboundSmsSchema,
  reassignTaskSchema,
  signInSchema,
  subscriberIdParam,
} from './http/schemas';
import { inboxQuerySchema, listInbox } from './journeys/inbox';
import { erasePersonalData } from './journeys/erasure';
import { markInboundSmsDelivered, receiveInboundSms } from './journeys/inbound-sms';
import { assertSubscriberVisible, assertTaskVisible } from './staff-access/scope';
import type { JourneyService } from './journeys/journey-service';
import { journeyReport } from './reports/journey-report';
import { liftQuerySchema, liftReport } from './reports/lift-report';
import { answerOrder, collectOrders, ordersOf } from './journeys/bss-outbox';

/** One route of the API: how it is called, who may call it, what it answers. Also its OpenAPI entry. */
export interface RouteSpec {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  access: 'public' | 'activation system' | 'staff' | 'supervisor' | 'activation system or staff' | 'sms gateway';
  body?: z.ZodType;
  /** The body as the document describes it, where clients may send less than it says (see typedCompletionSchema). */
  documentedBody?: z.ZodType;
  /** An example body for the document. */
  example?: unknown;
  query?: z.ZodType;
  responses: Record<number, string>;
  handle: (request: Request, response: Response) => Promise<void>;
}

export interface V1Dependencies {
  journeys: JourneyService;
  prisma: PrismaClient;
  protection: Pick<Protection, 'sealed' | 'keys'>;
  auth: Auth;
  log: Logger;
}

/** Every route of `/v1`, in the order the OpenAPI document lists them. */
export function v1Routes({ journeys, prisma, protection, auth, log }: V1Dependencies): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/v1/sessions',
      summary: 'Staff sign-in: a session token (also set as an HTTP-only cookie), valid 8 h, 1 h idle',
      access: 'public',
      body: signInSchema,
      example: { username: 'followup.zhang', password: 'the password of the account' },
      responses: {
        200: 'signed in',
        400: 'bad request',
        401: 'wrong username or password',
        403: 'the account is misconfigured (store staff without a store), or the browser came from another origin',
        415: 'not an application/json body',
        429: 'too many failed sign-ins for the username or from the address (Retry-After)',
      },
      async handle(request, response) {
        // A JSON body cannot come from another site's form, and a browser that names another origin is
        // refused: no site signs a browser in to an account of its choosing (login CSRF).
        if (!request.is('application/json')) {
          throw new ApiError(415, 'unsupported_media_type', 'sign in with an application/json body');
        }
        if (request.get('origin') !== undefined && !sameOrigin(request)) {
          throw new ApiError(403, 'cross_site_request', 'sign-in from another origin is refused');
        }
        const { username, password } = parseRequest(signInSchema, request.body);
        const { token, staff } = await auth.signIn(username, password, clientAddress(request));
        auth.setSessionCookie(request, response, token);
        response.json({ token, staff });
      },
    },
    {
      method: 'delete',
      path: '/v1/sessions/current',
      summary: "Sign out: the caller's session ends at once",
      access: 'staff',
      responses: { 204: 'signed out', 401: 'not signed in' },
      async handle(request, response) {
        await auth.signOut(request);
        auth.clearSessionCookie(request, response);
        response.status(204).end();
      },
    },
    {
      method: 'post',
      path: '/v1/subscribers',
      summary: 'Start the journey of a newly activated subscriber (idempotent per subscriber)',
      access: 'activation system',
      body: activationRequestSchema,
      example: {
        subscriberId: 'SUB-20261125-0001',
        msisdn: '13800138000',
        name: '张伟',
        activatedAt: '2026-11-25T09:30:00+08:00',
        storeId: 'JN002',
        planCode: 'A66',
        paymentType: 'postpaid',
        tier: 'standard',
        firstPaymentDueAt: '2026-12-15T00:00:00+08:00',
        locale: 'zh-CN',
        initialPassword: '482913',
      },
      responses: {
        201: 'journey started',
        200: 'the same activation again: the existing journey',
        400: 'invalid fields (every one, with the reason), malformed JSON or not JSON',
        401: 'no or wrong bearer token',
        403: 'not the activation system',
        409: 'the subscriber already has a journey started with different data',
        413: 'body over 64 kB',
        422: 'an initial password, but this deployment cannot seal it',
      },
      async handle(request, response) {
        const { initialPassword, ...profile } = parseRequest(activationRequestSchema, request.body);
        const normalized = {
          ...profile,
          activatedAt: new Date(profile.activatedAt).toISOString(),
          ...(profile.firstPaymentDueAt
            ? { firstPaymentDueAt: new Date(profile.firstPaymentDueAt).toISOString() }
            : {}),
        };
        const { created, journey } = await journeys.start(normalized, initialPassword);
        log.info(
          { subscriberId: journey.subscriberId, msisdn: maskMsisdn(profile.msisdn), created },
          created ? 'journey started' : 'activation repeated',
        );
        response
          .status(created ? 201 : 200)
          .location(journey.links.self)
          .json(journey);
      },
    },
    {
      method: 'get',
      path: '/v1/subscribers/:id',
      summary: "The journey's state and timeline (moment, tier, DND, tasks, SMS, events) and its orders for the BSS",
      access: 'activation system or staff',
      responses: {
        200: 'the journey',
        400: 'bad subscriber id',
        401: 'not signed in',
        404: 'no such journey, or not one this staff member may see',
      },
      async handle(request, response) {
        const subscriberId = parseRequest(subscriberIdParam, request.params.id, 'id');
        if (request.caller?.kind === 'staff') await assertSubscriberVisible(prisma, staffOf(request), subscriberId);
        const [state, bssOrders] = await Promise.all([journeys.state(subscriberId), ordersOf(prisma, subscriberId)]);
        response.json({ ...state, bssOrders, links: journeys.links(subscriberId) });
      },
    },
    {
      method: 'post',
      path: '/v1/subscribers/:id/erasure',
      summary: "Erase a subscriber's personal data on request (PIPL); their journey ends, figures stay countable",
      access: 'supervisor',
      body: erasureRequestSchema,
      example: { reason: 'PIPL erasure request REQ-2026-0042' },
      responses: {
        200: 'erased (or erased before: `alreadyErased`)',
        400: 'bad subscriber id or reason',
        401: 'not signed in',
        403: 'supervisors only',
        404: 'no such subscriber',
      },
      async handle(request, response) {
        const subscriberId = parseRequest(subscriberIdParam, request.params.id, 'id');
        const { reason } = parseRequest(erasureRequestSchema, request.body);
        const staff = staffOf(request);
        const result = await erasePersonalData(
          { prisma, keys: protection.keys, journeys },
          subscriberId,
          staff,
          reason,
        );
        log.info({ subscriberId, by: staff.staffId, alreadyErased: result.alreadyErased }, 'personal data erased');
        response.json(result);
      },
    },
    {
      method: 'post',
      path: '/v1/subscribers/:id/events',
      summary:
        'A business event for the journey (VIP rating, tier, DND, usage, payment, plan, ticket, hang-up, SMS, leaving)',
      access: 'activation system',
      body: eventRequestSchema,
      example: { type: 'vipRated', tier: 'gold' },
      responses: {
        202: 'delivered to the journey',
        400: 'invalid event',
        401: 'no or wrong bearer token',
        403: 'not the activation system',
        404: 'no such journey',
        409: 'the journey has ended',
      },
      async handle(request, response) {
        const subscriberId = parseRequest(subscriberIdParam, request.params.id, 'id');
        const { type, ...payload } = parseRequest(eventRequestSchema, request.body);
        await journeys.sendEvent(subscriberId, type, payload);
        response.status(202).json({ delivered: type, subscriberId });
      },
    },
    {
      method: 'post',
      path: '/v1/bss/orders/collect',
      summary:
        "The BSS collects the journeys' orders due (plan changes the customers asked for): never collected, or collected and not answered within 15 minutes; each is leased to this collection",
      access: 'activation system',
      query: collectOrdersQuery,
      responses: {
        200: '`{ orders }`, oldest first (none: an empty list)',
        400: 'bad limit',
        401: 'no or wrong bearer token',
        403: 'not the activation system',
      },
      async handle(request, response) {
        const { limit } = parseRequest(collectOrdersQuery, request.query);
        const orders = await collectOrders(prisma, limit);
        log.info({ collected: orders.length }, 'BSS orders collected');
        response.json({ orders });
      },
    },
    {
      method: 'post',
      path: '/v1/bss/orders/:id/result',
      summary:
        "The BSS's answer to an order: carried out, or refused with the reason (the customer's follow-up team then tells them)",
      access: 'activation system',
      body: bssOrderResultSchema,
      example: { result: 'rejected', reason: '账户欠费，暂不能变更套餐' },
      responses: {
        200: 'recorded (`repeat`: the same answer came before)',
        400: 'bad order id or answer',
        401: 'no or wrong bearer token',
        403: 'not the activation system',
        404: 'no such order',
        409: 'the order was answered before, otherwise',
      },
      async handle(request, response) {
        const orderId = parseRequest(orderIdParam, request.params.id, 'id');
        const answer = parseRequest(bssOrderResultSchema, request.body);
        const { order, repeat } = await answerOrder(prisma, journeys, orderId, answer);
        log.info({ orderId, result: order.status, repeat }, 'BSS order answered');
        response.json({ order, repeat });
      },
    },
    {
      method: 'get',
      path: '/v1/tasks',
      summary: "A staff member's task inbox, earliest due first (supervisors see every task)",
      access: 'staff',
      query: inboxQuerySchema,
      responses: {
        200: 'a page of tasks',
        400: 'bad filter',
        401: 'not signed in',
        403: 'a filter outside your tasks',
      },
      async handle(request, response) {
        const query = parseRequest(inboxQuerySchema, request.query);
        response.json(await listInbox(prisma, staffOf(request), query));
      },
    },
    {
      method: 'post',
      path: '/v1/tasks/:id/complete',
      summary: 'Complete a task (workflow update: accepted or refused at once)',
      access: 'staff',
      body: completeTaskSchema,
      documentedBody: typedCompletionSchema,
      example: {
        taskType: 'first_followup_call',
        outcome: { result: 'reached', issues: [{ category: 'billing', handling: '解释了首月话费按天折算' }] },
      },
      responses: {
        200: 'completed (or, for a call not reached, the attempt recorded)',
        400: 'bad request',
        401: 'not signed in',
        403: 'not your task (the journey refused the caller)',
        404: 'no such task, or one the caller may not see',
        409: 'the task or the journey has ended',
        422: 'the outcome does not fit the task',
        503: 'the journey did not answer in time (no worker running it); retry with the same Idempotency-Key',
      },
      async handle(request, response) {
        const { taskType, outcome } = parseRequest(completeTaskSchema, request.body);
        if (taskType) await assertTaskType(prisma, staffOf(request), String(request.params.id), taskType);
        const task = await journeys.completeTask(
          String(request.params.id),
          staffOf(request),
          outcome,
          idempotencyKey(request),
        );
        response.json(task);
      },
    },
    {
      method: 'post',
      path: '/v1/tasks/:id/reassign',
      summary: 'Give an open task to a named staff member of its role (workflow update)',
      access: 'supervisor',
      body: reassignTaskSchema,
      example: { assigneeId: 'S-AM-JN-WANG' },
      responses: {
        200: 'reassigned: only the new assignee completes it now',
        400: 'bad request or unknown staff member',
        401: 'not signed in',
        403: 'supervisors only',
        404: 'no such task',
        409: 'the task or the journey has ended',
        422: 'the staff member has another role, is inactive or already has the task',
        503: 'the journey did not answer in time (no worker running it); retry with the same Idempotency-Key',
      },
      async handle(request, response) {
        const { assigneeId } = parseRequest(reassignTaskSchema, request.body);
        const task = await journeys.reassignTask(
          String(request.params.id),
          staffOf(request),
          assigneeId,
          idempotencyKey(request),
        );
        response.json(task);
      },
    },
    {
      method: 'get',
      path: '/v1/reports/journeys',
      summary: 'Journeys per moment, task completion and SLA compliance, follow-up issue categories',
      access: 'supervisor',
      responses: { 200: 'the report', 401: 'not signed in', 403: 'supervisors only' },
      async handle(_request, response) {
        response.json(await journeyReport(prisma));
      },
    },
    {
      method: 'get',
      path: '/v1/reports/lift',
      summary:
        'Control group vs treatment for a paid touch: departures, value-added take-up, plan changes, with 95 % intervals',
      access: 'supervisor',
      query: liftQuerySchema,
      responses: { 200: 'the report', 400: 'bad query', 401: 'not signed in', 403: 'supervisors only' },
      async handle(request, response) {
        const query = parseRequest(liftQuerySchema, request.query);
        response.json(await liftReport(prisma, journeys.controlGroup, query));
      },
    },
    {
      method: 'post',
      path: '/v1/sms/inbound',
      summary: "The SMS gateway's webhook: a subscriber's SMS to the service number (help-menu replies)",
      access: 'sms gateway',
      body: inboundSmsSchema,
      example: { from: '13800138000', messageId: 'MO-20261125-0001', text: '1' },
      responses: {
        202: 'routed to the journey (`forwarded`), kept but held back by the throttle, or a repeat of a message id received before with the same text (`repeat`; see api/journeys/inbound-sms.ts)',
        400: 'invalid message',
        401: 'no or wrong gateway token',
        404: 'no journey for that number',
        409: 'the journey has ended, or the message id was received before with another text',
      },
      async handle(request, response) {
        const message = parseRequest(inboundSmsSchema, request.body);
        const { subscriberId, forwarded, repeat } = await receiveInboundSms(prisma, protection.sealed, message);
        if (forwarded) {
          await journeys.sendEvent(subscriberId, 'inboundSms', { messageId: message.messageId, text: message.text });
          await markInboundSmsDelivered(prisma, subscriberId, message.messageId);
        }
        log.info(
          { msisdn: maskMsisdn(message.from), messageId: message.messageId, forwarded, repeat: repeat ?? false },
          'inbound SMS received',
        );
        response.status(202).json({ routedTo: subscriberId, forwarded, ...(repeat ? { repeat } : {}) });
      },
    },
  ];
}

/** Registers the routes with their access checks (sign-in is throttled inside {@link Auth.signIn}). */
export function v1Router(routes: RouteSpec[], gatewayToken: RequestHandler): Router {
  const router = Router();
  const access: Record<RouteSpec['access'], RequestHandler[]> = {
    public: [],
    'activation system': [requireActivationSystem],
    staff: [requireStaff()],
    supervisor: [requireStaff('supervisor')],
    'activation system or staff': [
      (request, response, next) =>
        request.caller?.kind === 'activation' ? next() : requireStaff()(request, response, next),
    ],
    'sms gateway': [gatewayToken],
  };
  for (const route of routes) {
    router[route.method](route.path, ...access[route.access], async (request, response) => {
      await route.handle(request, response);
    });
  }
  return router;
}

/**
 * The caller's `Idempotency-Key` for a task update: the same key again is applied once, so a client
 * that lost an answer (or got a 503) may safely send the request again.
 */
function idempotencyKey(request: Request): string | undefined {
  const key = request.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(key)) {
    throw new ApiError(400, 'invalid_request', 'Idempotency-Key: 8 to 128 letters, digits, "-", "_", "." or ":"', [
      { field: 'Idempotency-Key', reason: '8 to 128 letters, digits, "-", "_", "." or ":"' },
    ]);
  }
  return key;
}

function staffOf(request: Request): StaffMember {
  return request.caller as StaffMember & { kind: 'staff' };
}

/**
 * A completion that names its task's type must name the task's own: checked after the scope check,
 * so a task the caller may not see stays unseen (404).
 */
async function assertTaskType(prisma: PrismaClient, staff: StaffMember, taskId: string, taskType: string) {
  await assertTaskVisible(prisma, staff, taskId);
  const task = await prisma.task.findUnique({ where: { id: taskId }, select: { type: true } });
  if (task && task.type !== taskType) {
    const reason = `the task is a ${task.type} task`;
    throw new ApiError(422, 'invalid_outcome', reason, [{ field: 'taskType', reason }]);
  }
}
