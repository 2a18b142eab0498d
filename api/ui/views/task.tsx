import type { Prisma } from '../../../prisma/generated/client';
import type { StaffRole, Tier } from '../../../domain/vocabulary';
import { coachingItems, type CoachingItem, type TaskStatus } from '../../../workflows/tasks';
import type { Page, Ui } from '../render';
import { readTaskPayload, type PlanFitRecommendation, type PlanFitShown, type TaskPayload } from '../task-payloads';
import { activePlans, promotions, tieredServicesOf, toPlanTerms } from '../../../activities/catalog';
import type { PlanChoice } from '../../../activities/plan-fit';
import type { Localized } from '../../../domain/localized';
import { promotionStatus, type PromotionStatus } from '../../../domain/promotions';
import { checklistPoints, finalCustomerReminder, followupVerification, type Point } from '../../../domain/service-plan';
import type { PrismaClient } from '../../../platform/database';
import { CompletionFormView, ReassignFormView, taskForm, type Candidate, type TaskForm } from './task-form';
import { journeyHref } from './task-rows';
import { Layout } from './layout';

/** What the task page reads of a task row: the task with its subscriber, their plan and the assignee's name. */
export const taskPageInclude = {
  subscriber: { include: { plan: true } },
  assignee: { select: { displayName: true } },
} as const satisfies Prisma.TaskInclude;

export type TaskPageRow = Prisma.TaskGetPayload<{ include: typeof taskPageInclude }>;

/**
 * The operator's plan as a task page shows it: the checklist's points with the subscriber's own plan
 * and tier rights, and the choices of the follow-up call (plans to change to, promotions asked about).
 */
export interface TaskPlanContent {
  points: Partial<Record<CoachingItem, Point[]>>;
  plans: PlanChoice[];
  promotions: { code: string; name: Localized; status: PromotionStatus }[];
}

/** Loads what the task's page shows of the plan's content and catalogs (nothing for most tasks). */
export async function taskPlanContent(prisma: PrismaClient, row: TaskPageRow): Promise<TaskPlanContent> {
  const content: TaskPlanContent = { points: {}, plans: [], promotions: [] };
  const planTerms = toPlanTerms(row.subscriber.plan);
  if (row.type === 'onboarding_coaching') {
    const tierRights = await tieredServicesOf(prisma, row.subscriber.tier);
    for (const item of coachingItems) content.points[item] = checklistPoints(item, { plan: planTerms, tierRights });
  }
  if (row.type === 'first_followup_call') {
    const [plans, catalog] = await Promise.all([activePlans(prisma), promotions(prisma)]);
    content.plans = plans
      .filter((plan) => plan.code !== planTerms.code)
      .map(({ code, name, nameEn, monthlyFee }) => ({ code, name, nameEn, monthlyFee }));
    const now = Date.now();
    content.promotions = catalog
      .map((promotion) => ({ code: promotion.code, name: promotion.name, status: promotionStatus(promotion, now) }))
      .filter((promotion) => promotion.status !== 'ended');
  }
  return content;
}

/** A task page: the subscriber's facts, the script with the task's own figures, and the form. */
export interface TaskPageModel {
  task: { id: string; type: string; status: TaskStatus; dueAt: Date; assignee?: { id: string; name: string } };
  subscriber: { name: string | null; msisdn: string | null; tier: Tier; dnd: boolean; journeyHref: string };
  plan: { code: string; name: string; nameEn: string; monthlyFee: number };
  /** The payload read for the task's type; undefined when it cannot be read (the page says so). */
  payload: TaskPayload | undefined;
  content: TaskPlanContent;
  /** Why the last form post was refused. */
  error?: string;
  reassigned: boolean;
  form: TaskForm;
}

export function taskPageModel(
  row: TaskPageRow,
  view: {
    viewer: StaffRole;
    candidates: readonly Candidate[];
    requestId: string;
    reassigned: boolean;
    error?: string;
    content: TaskPlanContent;
  },
): TaskPageModel {
  const { subscriber } = row;
  const { plan } = subscriber;
  const payload = readTaskPayload(row.type, row.payload);
  return {
    task: {
      id: row.id,
      type: row.type,
      status: row.status,
      dueAt: row.dueAt,
      ...(row.assignee && row.assigneeId ? { assignee: { id: row.assigneeId, name: row.assignee.displayName } } : {}),
    },
    subscriber: {
      name: subscriber.name,
      msisdn: subscriber.msisdn,
      tier: subscriber.tier,
      dnd: subscriber.dnd,
      journeyHref: journeyHref(subscriber.id),
    },
    plan: { code: plan.code, name: plan.name, nameEn: plan.nameEn, monthlyFee: Number(plan.monthlyFee) },
    payload,
    content: view.content,
    error: view.error,
    reassigned: view.reassigned,
    form: taskForm(row, payload, view),
  };
}

export const TaskPage: Page<TaskPageModel> = ({ ui, model }) => {
  const { t } = ui;
  const { task, form } = model;
  return (
    <Layout ui={ui} title={t.code(task.type)}>
      <h1>
        {t.code(task.type)} · {model.subscriber.name}
      </h1>
      {model.error && (
        <p class="error" role="alert">
          {model.error}
        </p>
      )}
      {model.reassigned && (
        <p class="notice" role="status">
          {t('task.reassigned')}
        </p>
      )}
      <SubscriberFacts ui={ui} model={model} />
      <div class="card">
        <h2>{t('task.script')}</h2>
        {t.script(task.type).map((line) => (
          <p>{line}</p>
        ))}
        {model.payload ? (
          <TaskFigures ui={ui} payload={model.payload} content={model.content} />
        ) : (
          <p class="error">{t('task.unreadable')}</p>
        )}
      </div>
      {form.kind === 'ended' && (
        <p class="notice">
          {t('task.ended')} ({t.code(task.status)})
        </p>
      )}
      {form.kind === 'reassign' && <ReassignFormView ui={ui} form={form} />}
      {form.kind === 'complete' && <CompletionFormView ui={ui} form={form} />}
    </Layout>
  );
};

function SubscriberFacts({ ui, model }: { ui: Ui; model: TaskPageModel }) {
  const { t } = ui;
  const { task, subscriber, plan, payload } = model;
  const contract = payload && 'contract' in payload ? payload.contract : undefined;
  return (
    <div class="card">
      <h2>{t('task.context')}</h2>
      <dl>
        <dt>{t('field.msisdn')}</dt>
        <dd>{subscriber.msisdn}</dd>
        <dt>{t('field.plan')}</dt>
        <dd data-testid="plan">
          {ui.nameOf(plan)} ({plan.code})
        </dd>
        <dt>{t('field.monthlyFee')}</dt>
        <dd>
          {plan.monthlyFee} {t('yuan')}
        </dd>
        <dt>{t('field.tier')}</dt>
        <dd>{t.code(subscriber.tier)}</dd>
        <dt>{t('field.dnd')}</dt>
        <dd>{subscriber.dnd ? t('yes') : t('no')}</dd>
        {contract && (
          <>
            <dt>{t('field.contract')}</dt>
            <dd>
              {contract.prepay} / {contract.monthlyReturn} {t('yuan')}
            </dd>
            <dt>{t('field.outOfPocket')}</dt>
            <dd data-testid="out-of-pocket">
              {contract.monthlyOutOfPocket} {t('yuan')}
            </dd>
          </>
        )}
        <dt>{t('col.due')}</dt>
        <dd>{ui.time(task.dueAt)}</dd>
        <dt>{t('col.status')}</dt>
        <dd>{t.code(task.status)}</dd>
        <dt>{t('task.assignee')}</dt>
        <dd data-testid="assignee">
          {task.assignee ? `${task.assignee.name} (${task.assignee.id})` : t('task.unassigned')}
        </dd>
      </dl>
      <p>
        <a href={subscriber.journeyHref}>{t('task.journey')}</a>
      </p>
    </div>
  );
}

/** The figures of the task's own payload, and the plan's content, that go with the script. */
function TaskFigures({ ui, payload, content }: { ui: Ui; payload: TaskPayload; content: TaskPlanContent }) {
  const { t } = ui;
  const say = (text: Localized) => text[ui.layout.locale];
  switch (payload.type) {
    case 'onboarding_coaching':
      return (
        <>
          <p class="notice" data-testid="final-customer">
            {t('field.finalCustomerReminder')}: {say(finalCustomerReminder.text)}
          </p>
          {payload.checklist.map((item) => (
            <section data-points={item}>
              <h3>{t.code(item)}</h3>
              <ul>
                {(content.points[item] ?? []).map((point) => (
                  <li data-point={point.code}>{say(point.text)}</li>
                ))}
              </ul>
            </section>
          ))}
        </>
      );
    case 'first_followup_call':
      return (
        <>
          <p data-testid="verification">{say(followupVerification.text)}</p>
          <ol>
            {payload.script.map((step) => (
              <li>{t.code(step)}</li>
            ))}
          </ol>
          {payload.planFit && (
            <section data-testid="plan-fit-on-call">
              <h3>{t('field.planFitOnCall')}</h3>
              <PlanFitShownView ui={ui} planFit={payload.planFit} />
            </section>
          )}
        </>
      );
    case 'plan_fit_consultation':
      return <PlanFitShownView ui={ui} planFit={payload.planFit} />;
    case 'vip_service_recommendation':
      return (
        <>
          {payload.tieredServices && (
            <section data-testid="tiered-services">
              <h3>{t('field.tieredServices')}</h3>
              <ul>
                {payload.tieredServices.map((service) => (
                  <li>
                    <strong>{say(service.name)}</strong>：{say(service.detail)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {payload.clubActivities && <ClubActivities ui={ui} activities={payload.clubActivities} />}
        </>
      );
    case 'club_service_order':
      return (
        <>
          <section data-testid="club-levels">
            <h3>{t('field.level')}</h3>
            <ul>
              {payload.workOrder.levels.map((level) => (
                <li>
                  <strong>{say(level.name)}</strong>（{level.minMinutes}–{level.maxMinutes} {t('field.minutes')}）：
                  {say(level.forCustomers)}
                </li>
              ))}
            </ul>
          </section>
          <ClubActivities ui={ui} activities={payload.workOrder.activities} />
        </>
      );
    case 'vas_order':
      return (
        <p data-testid="ordered-service">
          {t('field.orderedService')}: <strong>{ui.nameOf(payload.service)}</strong> ({payload.service.code})
        </p>
      );
    case 'callback':
      return (
        <p data-testid="question">
          {t('field.question')}: {payload.question}
        </p>
      );
    case 'payment_reminder_call':
      return (
        <p>
          {t('field.firstPaymentDueAt')}: {ui.time(payload.firstPaymentDueAt)}
        </p>
      );
    case 'hotline_callback':
      return (
        <p>
          {t('field.hangupAt')}: {ui.time(payload.hangupAt)}
        </p>
      );
    default:
      return null;
  }
}

/** The club's coming activities near the customer, to invite them to. */
function ClubActivities({
  ui,
  activities,
}: {
  ui: Ui;
  activities: readonly { id: string; title: Localized; venue: Localized; startsAt: string }[];
}) {
  const { t } = ui;
  const say = (text: Localized) => text[ui.layout.locale];
  return (
    <section data-testid="club-activities">
      <h3>{t('field.clubActivities')}</h3>
      {activities.length === 0 ? (
        <p>{t('dashboard.none')}</p>
      ) : (
        <ul>
          {activities.map((activity) => (
            <li>
              {ui.time(activity.startsAt)} · {say(activity.title)} · {say(activity.venue)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Any plan-fit analysis in words: a recommendation, a large overage with its outside-the-rule suggestion, or a fit. */
function PlanFitShownView({ ui, planFit }: { ui: Ui; planFit: PlanFitShown }) {
  const { t } = ui;
  const yuan = (amount: number) => `${amount.toFixed(2)} ${t('yuan')}`;
  switch (planFit.kind) {
    case 'recommend':
      return <PlanFit ui={ui} planFit={planFit} />;
    case 'large_overage':
      return (
        <>
          <p class="notice" data-testid="large-overage">
            {t('planFit.largeOverage')}
          </p>
          <dl data-testid="plan-fit">
            <dt>{t('field.currentAverageCost')}</dt>
            <dd>{yuan(planFit.currentAverageCost)}</dd>
            <dt>{t('planFit.outsideRule')}</dt>
            <dd data-testid="outside-rule">
              {planFit.outsideRule ? (
                <>
                  <strong>
                    {ui.nameOf(planFit.outsideRule.plan)} ({planFit.outsideRule.plan.code})
                  </strong>{' '}
                  · {t('field.expectedCost')} {yuan(planFit.outsideRule.expectedMonthlyCost)} · {t('field.saving')}{' '}
                  {yuan(planFit.outsideRule.expectedMonthlySaving)}
                </>
              ) : (
                t('planFit.noCheaperPlan')
              )}
            </dd>
          </dl>
          <p class="script" data-testid="plan-fit-script">
            {ui.layout.locale === 'en' ? planFit.script.en : planFit.script.zh}
          </p>
        </>
      );
    case 'fits':
      return <p>{t('field.planFits')}</p>;
    case 'no_usage':
      return <p>{t('field.noUsage')}</p>;
  }
}

/** The plan-fit analysis's recommendation: the plan, the average costs, the saving and what to say. */
function PlanFit({ ui, planFit }: { ui: Ui; planFit: PlanFitRecommendation }) {
  const { t } = ui;
  const { recommended } = planFit;
  const yuan = (amount: number) => `${amount.toFixed(2)} ${t('yuan')}`;
  return (
    <>
      <dl data-testid="plan-fit">
        <dt>{t('field.recommendation')}</dt>
        <dd>
          <strong>
            {ui.nameOf(recommended)} ({recommended.code})
          </strong>{' '}
          · {t('field.monthlyFee')} {recommended.monthlyFee} {t('yuan')}
        </dd>
        <dt>{t('field.currentAverageCost')}</dt>
        <dd>{yuan(planFit.currentAverageCost)}</dd>
        <dt>{t('field.recommendedAverageCost')}</dt>
        <dd>{yuan(planFit.recommendedAverageCost)}</dd>
        <dt>{t('field.saving')}</dt>
        <dd data-testid="saving">{yuan(planFit.expectedMonthlySaving)}</dd>
      </dl>
      <p class="script" data-testid="plan-fit-script">
        {ui.layout.locale === 'en' ? planFit.script.en : planFit.script.zh}
      </p>
    </>
  );
}
