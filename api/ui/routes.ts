import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { renderFile } from 'ejs';
import { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { PrismaClient } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { locales, type Locale, type StaffRole } from '../../workflows/domain';
import type { TaskType } from '../../workflows/tasks';
import { actorOf, clientAddress, requireSameOrigin, requireStaff, type Auth, type StaffMember } from '../auth';
import { ApiError, parseRequest, unavailable } from '../errors';
import { inboxQuerySchema, listInbox } from '../inbox';
import { assertSubscriberVisible, assertTaskVisible } from '../scope';
import { TEMPORAL_WEB_UI_PATH } from '../../platform/web-ui-paths';
import type { JourneyService } from '../journeys';
import { journeyReport } from '../reports';
import { findPasswordLink, passwordProblems, redeemPasswordLink } from '../password-links';
import { reassignTaskSchema } from '../schemas';
import { followupIssueFields, outcomeFromForm } from './forms';
import { translator } from './i18n';

const views = join(__dirname, 'views');
/** Sign-in refusals the page words itself (`Auth.signIn`'s codes). */
const loginRefusals = ['bad_credentials', 'too_many_attempts', 'staff_without_store'] as const;
const LANG_COOKIE = 'journey_lang';

export interface StaffUiDependencies {
  prisma: PrismaClient;
  journeys: JourneyService;
  auth: Auth;
  log: Logger;
}

/** The staff pages: sign-in, set-password, inbox, task, journey, supervisor dashboard. Server-rendered, escaped. */
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

  ui.get('/login', async (request, response) => {
    await render(request, response, 'login', { error: undefined, passwordSet: request.query.passwordSet === '1' });
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
      const retryAfter = error.retryAfterSeconds ?? 0;
      if (retryAfter) response.set('Retry-After', String(retryAfter));
      const t = translator(localeOf(request));
      const code = loginRefusals.find((refusal) => refusal === error.code);
      const words = code ? t(`login.${code}`) : error.message;
      const message = words.replace('{minutes}', String(Math.ceil(retryAfter / 60)));
      await render(request, response.status(error.status), 'login', { error: message, passwordSet: false });
    }
  });
  ui.post('/logout', requireSameOrigin, async (request, response) => {
    await auth.signOut(request);
    auth.clearSessionCookie(request, response);
    response.redirect(303, '/ui/login');
  });

  /** The page of a one-time set-password link (`npm run staff:import`, `staff:reset-password`); 400 for a bad link. */
  async function setPasswordPage(request: Request, response: Response, token: string, problems: string[] = []) {
    const owner = await findPasswordLink(prisma, token);
    const t = translator(localeOf(request));
    if (!owner) throw new ApiError(400, 'invalid_request', `token: ${t('setPassword.invalid')}`);
    await render(request, response, 'set-password', { owner, token, problems });
  }
  ui.get('/set-password', async (request, response) => {
    await setPasswordPage(request, response, formText(request.query.token));
  });
  ui.post('/set-password', requireSameOrigin, async (request, response) => {
    const form = request.body as Record<string, unknown>;
    const [token, password] = [formText(form.token), formText(form.password)];
    const owner = await findPasswordLink(prisma, token);
    const problems = owner ? passwordProblems(password, formText(form.confirmation), owner.username) : [];
    if (problems.length > 0) {
      const t = translator(localeOf(request));
      const reasons = problems.map((problem) => t(`setPassword.${problem}`));
      return setPasswordPage(request, response.status(400), token, reasons);
    }
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
    await render(request, response, 'inbox', {
      inbox,
      overdueOnly: query.overdue === true,
      done: typeof request.query.done === 'string' ? request.query.done : undefined,
      now: Date.now(),
    });
  });

  /**
   * The task page's data: the task with its subscriber and plan and, for a supervisor, the active
   * staff of the task's role it can be reassigned to.
   */
  async function taskPage(request: Request, error?: string) {
    await assertTaskVisible(prisma, staffOf(request), String(request.params.id));
    const task = await prisma.task.findUnique({
      where: { id: String(request.params.id) },
      include: { subscriber: { include: { plan: true } }, assignee: { select: { displayName: true } } },
    });
    if (!task) throw new ApiError(404, 'task_not_found', 'no such task');
    const candidates =
      staffOf(request).role === 'supervisor'
        ? await prisma.staff.findMany({
            where: { role: task.role, active: true },
            select: { id: true, displayName: true, storeId: true },
            orderBy: { id: 'asc' },
          })
        : [];
    return {
      task,
      candidates,
      issueFields: followupIssueFields,
      reassigned: request.query.reassigned === '1',
      error,
      // A resubmitted form (a double click, a reload after a lost answer) is applied once.
      requestId: randomUUID(),
    };
  }

  /** Renders the task page again with the refusal of a form post and its status. */
  async function refused(request: Request, response: Response, error: ApiError) {
    const details = Array.isArray(error.details) ? (error.details as { field: string; reason: string }[]) : [];
    const message = [error.message, ...details.map((d) => `${d.field}: ${d.reason}`)].join('\n');
    await render(request, response.status(error.status), 'task', await taskPage(request, message));
  }

  ui.get('/tasks/:id', page(), async (request, response) => {
    await render(request, response, 'task', await taskPage(request));
  });

  ui.post('/tasks/:id/reassign', page('supervisor'), async (request, response) => {
    const taskId = String(request.params.id);
    try {
      const { assigneeId } = parseRequest(reassignTaskSchema, {
        assigneeId: (request.body as { assigneeId?: unknown }).assigneeId,
      });
      await journeys.reassignTask(taskId, actorOf(staffOf(request)), assigneeId, formRequestId(request));
      response.redirect(303, `/ui/tasks/${encodeURIComponent(taskId)}?reassigned=1`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      await refused(request, response, error);
    }
  });

  ui.post('/tasks/:id/complete', page(), async (request, response) => {
    const { task } = await taskPage(request);
    const outcome = outcomeFromForm(
      task.type as TaskType,
      request.body as Record<string, unknown>,
      task.payload as Record<string, unknown>,
    );
    try {
      await journeys.completeTask(task.id, actorOf(staffOf(request)), outcome, formRequestId(request));
      response.redirect(303, `/ui/tasks?done=${encodeURIComponent(task.id)}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      await refused(request, response, error);
    }
  });

  ui.get('/subscribers/:id', page(), async (request, response) => {
    const subscriberId = String(request.params.id);
    await assertSubscriberVisible(prisma, staffOf(request), subscriberId);
    const state = await journeys.state(subscriberId);
    await render(request, response, 'journey', { state, links: journeys.links(subscriberId) });
  });

  ui.get('/dashboard', page('supervisor'), async (request, response) => {
    const [report, attention] = await Promise.all([
      journeyReport(prisma),
      prisma.task.findMany({
        where: { status: 'open', OR: [{ dueAt: { lt: new Date() } }, { escalatedAt: { not: null } }] },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: 50,
        include: { subscriber: { select: { name: true, tier: true } } },
      }),
    ]);
    await render(request, response, 'dashboard', { report, attention, now: Date.now() });
  });

  const pageErrors: ErrorRequestHandler = async (thrown: unknown, request, response, next) => {
    const error = thrown instanceof ApiError ? thrown : unavailable(thrown);
    if (!error) return next(thrown);
    if (error.status === 401) return response.redirect(303, '/ui/login');
    log.debug({ code: error.code, path: request.path }, 'page refused');
    await render(request, response.status(error.status), 'error', { message: error.message }).catch(next);
  };
  ui.use(pageErrors);
  return ui;
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

async function render(request: Request, response: Response, view: string, data: Record<string, unknown>) {
  const locale = localeOf(request);
  // The other language, same page: the query (a set-password link's token, a filter) is kept.
  const otherLanguage = new URL(request.originalUrl, 'http://page');
  otherLanguage.searchParams.set('lang', locale === 'en' ? 'zh-CN' : 'en');
  const html = await renderFile(join(views, `${view}.ejs`), {
    ...data,
    t: translator(locale),
    locale,
    staff: request.caller?.kind === 'staff' ? request.caller : undefined,
    path: request.originalUrl,
    otherLanguageHref: `${otherLanguage.pathname}${otherLanguage.search}`,
    formatTime: (value: Date | string) =>
      new Intl.DateTimeFormat(locale, {
        timeZone: 'Asia/Shanghai',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(new Date(value)),
  });
  response.type('html').send(html);
}
