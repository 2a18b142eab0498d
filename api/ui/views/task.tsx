import type { Prisma } from '../../../prisma/generated/client';
import type { StaffRole, Tier } from '../../../workflows/domain';
import type { TaskStatus } from '../../../workflows/tasks';
import type { Page, Ui } from '../render';
import { readTaskPayload, type PlanFitRecommendation, type TaskPayload } from '../task-payloads';
import { CompletionFormView, ReassignFormView, taskForm, type Candidate, type TaskForm } from './task-form';
import { journeyHref } from './task-rows';
import { Layout } from './layout';

/** What the task page reads of a task row: the task with its subscriber, their plan and the assignee's name. */
export const taskPageInclude = {
  subscriber: { include: { plan: true } },
  assignee: { select: { displayName: true } },
} as const satisfies Prisma.TaskInclude;

export type TaskPageRow = Prisma.TaskGetPayload<{ include: typeof taskPageInclude }>;

/** A task page: the subscriber's facts, the script with the task's own figures, and the form. */
export interface TaskPageModel {
  task: { id: string; type: string; status: TaskStatus; dueAt: Date; assignee?: { id: string; name: string } };
  subscriber: { name: string | null; msisdn: string | null; tier: Tier; dnd: boolean; journeyHref: string };
  plan: { code: string; name: string; nameEn: string; monthlyFee: number };
  /** The payload read for the task's type; undefined when it cannot be read (the page says so). */
  payload: TaskPayload | undefined;
  /** Why the last form post was refused. */
  error?: string;
  reassigned: boolean;
  form: TaskForm;
}

export function taskPageModel(
  row: TaskPageRow,
  view: { viewer: StaffRole; candidates: readonly Candidate[]; requestId: string; reassigned: boolean; error?: string },
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
        {model.payload ? <TaskFigures ui={ui} payload={model.payload} /> : <p class="error">{t('task.unreadable')}</p>}
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

/** The figures of the task's own payload that go with the script. */
function TaskFigures({ ui, payload }: { ui: Ui; payload: TaskPayload }) {
  const { t } = ui;
  switch (payload.type) {
    case 'first_followup_call':
      return (
        <ol>
          {payload.script.map((step) => (
            <li>{t.code(step)}</li>
          ))}
        </ol>
      );
    case 'plan_fit_consultation':
      return <PlanFit ui={ui} planFit={payload.planFit} />;
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
