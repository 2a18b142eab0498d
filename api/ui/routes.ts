// Longer than ~250 lines on purpose: it is the table of every staff page with its access rule; each
// handler is a few lines over a typed view model.
import { randomUUID } from 'node:crypto';
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { PrismaClient } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { locales, type Locale, type StaffRole } from '../../domain/vocabulary';
import { clientAddress, requireSameOrigin, requireStaff, type Auth, type StaffMember } from '../staff-access/auth';
import { ApiError, parseRequest, unavailable } from '../http/errors';
import { inboxQuerySchema, listInbox } from '../journeys/inbox';
import { assertSubscriberVisible, assertTaskVisible } from '../staff-access/scope';
import { TEMPORAL_WEB_UI_PATH } from '../../platform/web-ui-paths';
import type { JourneyService } from '../journeys/journey-service';
import { journeyReport } from '../reports/journey-report';
import { ordersOf } from '../journeys/bss-outbox';
import { liftQuerySchema, liftReport } from '../reports/lift-report';
import {
  findPasswordLink,
  passwordProblems,
  redeemPasswordLink,
  type PasswordProblem,
} from '../staff-access/password-links';
import { reassignTaskSchema } from '../http/schemas';
import { businessCalendarOverview, calendarHoursSchema, changeCalendarHours } from '../journeys/calendar-admin';
import { outcomeFromForm } from './forms';
import { translator } from './i18n';
import type { Page } from './page';
import { renderPage, uiFor } from './render';
import { checklistOf, readTaskPayload } from './task-payloads';
import { attentionInclude, DashboardPage, dashboardModel } from './views/dashboard';
import { ErrorPage } from './views/error';
import { InboxPage, inboxModel } from './views/inbox';
import { JourneyPage, journeyPageModel, staffNamedIn } from './views/journey';
import { CalendarPage } from './views/calendar';
import { PreviewPage } from './views/preview';
import { journeyPreview, previewQuerySchema, previewRequest } from '../journeys/preview-request';
import { LiftPage, liftPageModel } from './views/lift';
import { layoutModel } from './views/layout';
import { SetPasswordPage, setPasswordModel } from './views/set-password';
import { SignInPage, signInModel } from './views/sign-in';
import { taskPageInclude, taskPageModel } from './task-page-model';
import { taskPlanContent } from './task-plan-content';
import { TaskPage } from './views/task';
import { calendarVersion } from '../../activities/business-calendar';

const LANG_COOKIE = 'journey_lang';

export interface StaffUiDependencies {
  prisma: PrismaClient;
  journeys: JourneyService;
  auth: Auth;
  log: Logger;
}

/**
 * The staff pages: sign-in, set-password, inbox, task, journey, supervisor dashboard, calendar,
 * preview, lift. Each route builds its page's typed model (`views/`) and renders it to HTML on the
 * server, escaped; no script.
 */
export function staffUi({ prisma, journeys, auth, log }: StaffUiDependencies): Router {
  const ui = Router();

  ui.use((request, response, next) => {
    const asked = request.query.lang;
    if (typeof asked === 'string' && (locales as readonly string[]).includes(asked)) {
      response.cookie(LANG_COOKIE, asked, { sameSite: 'strict', httpOnly: true, maxAge: 365 * 86_400_000 });
      request.cookies = { ...request.cookies, [LANG_COOKIE]: asked };
    }
    next();
  });

  ui.get('/login', (request, response) => {
    send(request, response, SignInPage, signInModel(request.query.passwordSet === '1'));
  });
  ui.post('/login', requireSameOrigin, async (request, response) => {
    const { username, password } = request.body as { username?: string; password?: string };
    try {
      const { token, staff } = await auth.signIn(
        String(username ?? ''),
        String(password ?? ''),
        clientAddress(request),
      );
      auth.setSessionCookie(request, response, token);
      // Engineers have no inbox: they work in the Temporal Web UI.
      response.redirect(303, staff.role === 'engineer' ? `${TEMPORAL_WEB_UI_PATH}/` : '/ui/tasks');
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      if (error.retryAfterSeconds) response.set('Retry-After', String(error.retryAfterSeconds));
      send(request, response.status(error.status), SignInPage, signInModel(false, error));
    }
  });
  ui.post('/logout', requireSameOrigin, async (request, response) => {
    await auth.signOut(request);
    auth.clearSessionCookie(request, response);
    response.redirect(303, '/ui/login');
  });

  /** The page of a one-time set-password link (`npm run staff:import`, `staff:reset-password`); 400 for a bad link. */
  async function setPasswordPage(
    request: Request,
    response: Response,
    token: string,
    problems: PasswordProblem[] = [],
  ) {
    const owner = await findPasswordLink(prisma, token);
    const t = translator(localeOf(request));
    if (!owner) throw new ApiError(400, 'invalid_request', `token: ${t('setPassword.invalid')}`);
    send(request, response, SetPasswordPage, setPasswordModel(owner, token, problems));
  }
  ui.get('/set-password', async (request, response) => {
    await setPasswordPage(request, response, formText(request.query.token));
  });
  ui.post('/set-password', requireSameOrigin, async (request, response) => {
    const form = request.body as Record<string, unknown>;
    const [token, password] = [formText(form.token), formText(form.password)];
    const owner = await findPasswordLink(prisma, token);
    const problems = owner ? passwordProblems(password, formText(form.confirmation), owner.username) : [];
    if (problems.length > 0) return setPasswordPage(request, response.status(400), token, problems);
    // A link used up meanwhile (or never valid) answers the bad-link page.
    if (!owner || !(await redeemPasswordLink(prisma, token, password)))
      return setPasswordPage(request, response, token);
    response.redirect(303, '/ui/login?passwordSet=1');
  });

  ui.get('/tasks', page(), async (request, response) => {
    const query = parseRequest(inboxQuerySchema, {
      status: 'open',
      ...(request.query.overdue === 'true' ? { overdue: 'true' } : {}),
      ...(typeof request.query.cursor === 'string' ? { cursor: request.query.cursor } : {}),
    });
    const inbox = await listInbox(prisma, staffOf(request), query);
    const view = { overdueOnly: query.overdue === true, submitted: typeof request.query.done === 'string' };
    send(request, response, InboxPage, inboxModel(inbox, { ...view, now: Date.now() }));
  });

  /** The task of the page's id, with its subscriber and plan, once the caller may see it. */
  async function visibleTask(request: Request) {
    await assertTaskVisible(prisma, staffOf(request), String(request.params.id));
    const task = await prisma.task.findUnique({ where: { id: String(request.params.id) }, include: taskPageInclude });
    if (!task) throw new ApiError(404, 'task_not_found', 'no such task');
    return task;
  }

  /**
   * Renders the task page; for a supervisor with the active staff of the task's role it can be
   * reassigned to, and with the refusal of a form post when there was one.
   */
  async function sendTaskPage(request: Request, response: Response, error?: string) {
    const task = await visibleTask(request);
    const viewer = staffOf(request).role;
    const candidates =
      viewer === 'supervisor'
        ? await prisma.staff.findMany({
            where: { role: task.role, active: true },
            select: { id: true, displayName: true, storeId: true },
            orderBy: { id: 'asc' },
          })
        : [];
    const reassigned = request.query.reassigned === '1';
    const content = await taskPlanContent(prisma, task);
    const model = taskPageModel(task, { viewer, candidates, requestId: randomUUID(), reassigned, error, content });
    if (!model.payload) log.warn({ taskId: task.id, type: task.type }, 'task payload unreadable');
    send(request, response, TaskPage, model);
  }

  /** Renders the task page again with the refusal of a form post and its status. */
  async function refused(request: Request, response: Response, error: ApiError) {
    const details = Array.isArray(error.details) ? (error.details as { field: string; reason: string }[]) : [];
    const message = [error.message, ...details.map((d) => `${d.field}: ${d.reason}`)].join('\n');
    await sendTaskPage(request, response.status(error.status), message);
  }

  ui.get('/tasks/:id', page(), async (request, response) => {
    await sendTaskPage(request, response);
  });

  ui.post('/tasks/:id/reassign', page('supervisor'), async (request, response) => {
    const taskId = String(request.params.id);
    try {
      const { assigneeId } = parseRequest(reassignTaskSchema, {
        assigneeId: (request.body as { assigneeId?: unknown }).assigneeId,
      });
      await journeys.reassignTask(taskId, staffOf(request), assigneeId, formRequestId(request));
      response.redirect(303, `/ui/tasks/${encodeURIComponent(taskId)}?reassigned=1`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      await refused(request, response, error);
    }
  });

  ui.post('/tasks/:id/complete', page(), async (request, response) => {
    const task = await visibleTask(request);
    const checklist = checklistOf(readTaskPayload(task.type, task.payload));
    const outcome = outcomeFromForm(task.type, request.body as Record<string, unknown>, checklist);
    try {
      await journeys.completeTask(task.id, staffOf(request), outcome, formRequestId(request));
      response.redirect(303, `/ui/tasks?done=${encodeURIComponent(task.id)}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      await refused(request, response, error);
    }
  });

  ui.get('/subscribers/:id', page(), async (request, response) => {
    const subscriberId = String(request.params.id);
    await assertSubscriberVisible(prisma, staffOf(request), subscriberId);
    const [state, orders] = await Promise.all([
      journeys.state(subscriberId).catch(async (error: unknown) => {
        // An erased journey's page keeps its figures and says when and why its personal data went.
        if (!(error instanceof ApiError) || error.status !== 410) throw error;
        const erased = await journeys.erasedJourney(subscriberId);
        if (!erased) throw error;
        return {
          ...erased.state,
          erasure: { at: erased.erasedAt, ...(erased.retentionDays ? { retentionDays: erased.retentionDays } : {}) },
        };
      }),
      ordersOf(prisma, subscriberId),
    ]);
    const named = await prisma.staff.findMany({
      where: { id: { in: staffNamedIn(state.timeline) } },
      select: { id: true, displayName: true },
    });
    const staffNames = Object.fromEntries(named.map((member) => [member.id, member.displayName]));
    const model = journeyPageModel(state, journeys.links(subscriberId), staffOf(request).role, staffNames, orders);
    send(request, response, JourneyPage, model);
  });

  /** The stores, by id: what a supervisor's form offers and the dashboard names. */
  const storeChoices = () =>
    prisma.store.findMany({ select: { id: true, name: true, nameEn: true }, orderBy: { id: 'asc' } });

  ui.get('/dashboard', page('supervisor'), async (request, response) => {
    const [report, attention, stores] = await Promise.all([
      journeyReport(prisma),
      prisma.task.findMany({
        where: { status: 'open', OR: [{ dueAt: { lt: new Date() } }, { escalatedAt: { not: null } }] },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: 50,
        include: attentionInclude,
      }),
      storeChoices(),
    ]);
    send(request, response, DashboardPage, dashboardModel(report, attention, stores, Date.now()));
  });

  ui.get('/lift', page('supervisor'), async (request, response) => {
    const report = await liftReport(prisma, journeys.controlGroup, parseRequest(liftQuerySchema, formQuery(request)));
    send(request, response, LiftPage, liftPageModel(report));
  });

  ui.get('/preview', page('supervisor'), async (request, response) => {
    const query = parseRequest(previewQuerySchema, formQuery(request));
    const stores = await storeChoices();
    const { profile, events } = previewRequest(query, stores, Date.now());
    const entries = await journeyPreview(prisma, profile, events);
    send(request, response, PreviewPage, { query, activatedAt: profile.activatedAt, stores, entries });
  });

  /** The calendar page: the business calendars in use, the coming holidays and a form for any calendar's hours. */
  async function sendCalendarPage(request: Request, response: Response, notice: { saved?: string; error?: string }) {
    const [overview, stores] = await Promise.all([businessCalendarOverview(prisma, Date.now()), storeChoices()]);
    send(request, response, CalendarPage, { overview, stores, ...notice });
  }

  ui.get('/calendar', page('supervisor'), async (request, response) => {
    const saved = formText(request.query.saved);
    await sendCalendarPage(request, response, saved ? { saved } : {});
  });

  ui.post('/calendar/hours', page('supervisor'), async (request, response) => {
    const body = request.body as Record<string, unknown>;
    const aroundTheClock = body.aroundTheClock === 'on';
    try {
      const change = parseRequest(calendarHoursSchema, {
        calendar: body.calendar,
        opens: aroundTheClock ? '00:00' : body.opens,
        closes: aroundTheClock ? '24:00' : body.closes,
        closedWeekdays: [body.closedWeekdays ?? []].flat(),
        closedDates: typeof body.closedDates === 'string' ? body.closedDates.split(/[\s,，、]+/).filter(Boolean) : [],
        closedOnPublicHolidays: body.closedOnPublicHolidays === 'on',
      });
      const hours = await changeCalendarHours(prisma, change, staffOf(request).staffId);
      response.redirect(303, `/ui/calendar?saved=${encodeURIComponent(calendarVersion(hours))}`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
      await sendCalendarPage(request, response.status(error.status), { error: error.message });
    }
  });

  const pageErrors: ErrorRequestHandler = (thrown: unknown, request, response, next) => {
    const error = thrown instanceof ApiError ? thrown : unavailable(thrown);
    if (!error) return next(thrown);
    if (error.status === 401) return response.redirect(303, '/ui/login');
    log.debug({ code: error.code, path: request.path }, 'page refused');
    send(request, response.status(error.status), ErrorPage, { message: error.message });
  };
  ui.use(pageErrors);
  return ui;
}

/**
 * A supervisor form's query (GET): an empty field means "none" or "any", so it is dropped, as is the
 * page's language; what is left is parsed like the API's (400 naming a bad field).
 */
function formQuery(request: Request): Record<string, unknown> {
  return Object.fromEntries(Object.entries(request.query).filter(([name, value]) => name !== 'lang' && value !== ''));
}

/** A page for signed-in staff (of the given roles); the sign-in page otherwise. */
function page(...roles: StaffRole[]): RequestHandler {
  const check = requireStaff(...roles);
  return (request, response, next) => {
    if (request.caller?.kind !== 'staff' && !request.callerUnavailable) return response.redirect(303, '/ui/login');
    check(request, response, next);
  };
}

/** The id the task page gave its form, if it is one. */
function formRequestId(request: Request): string | undefined {
  const id = (request.body as { requestId?: unknown }).requestId;
  return typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) ? id : undefined;
}

/** A single text field of a form or query string ('' when absent or repeated). */
function formText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function staffOf(request: Request): StaffMember {
  return request.caller as StaffMember & { kind: 'staff' };
}

function localeOf(request: Request): Locale {
  const chosen = (request.cookies as Record<string, string> | undefined)?.[LANG_COOKIE];
  if (chosen === 'en' || chosen === 'zh-CN') return chosen;
  return request.caller?.kind === 'staff' ? request.caller.locale : 'zh-CN';
}

/** Sends `page` rendered from `model` in the caller's language, with the caller in the header. */
function send<Model>(request: Request, response: Response, page: Page<Model>, model: Model): void {
  const staff = request.caller?.kind === 'staff' ? request.caller : undefined;
  const layout = layoutModel(localeOf(request), staff, request.originalUrl);
  response.type('html').send(renderPage(page, uiFor(layout), model));
}
