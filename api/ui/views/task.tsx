import type { Page, Ui } from '../page';
import { CompletionFormView, ReassignFormView } from './task-form';
import { Layout } from './layout';
import { TaskFigures } from './task-figures';
import type { TaskPageModel } from '../task-page-model';

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
        {subscriber.previousMsisdn && (
          <>
            <dt>{t('field.previousMsisdn')}</dt>
            <dd data-testid="previous-msisdn">{subscriber.previousMsisdn}</dd>
          </>
        )}
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
        <dd data-testid="due">
          {ui.time(task.dueAt)}
          {task.dueAtWindowEnd && <span class="badge window-end">{t('due.windowEnd')}</span>}
        </dd>
        {task.windowEndsAt && (
          <>
            <dt>{t('due.window')}</dt>
            <dd data-testid="window">
              {`${t('due.windowBy')} ${ui.time(task.windowEndsAt)}`}
              {task.dueAtWindowEnd && ` · ${t('due.windowEndExplained')}`}
            </dd>
          </>
        )}
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
