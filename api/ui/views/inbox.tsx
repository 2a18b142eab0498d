import type { Tier } from '../../../domain/vocabulary';
import type { InboxPage as Inbox } from '../../journeys/inbox';
import type { Page } from '../page';
import { dueOf, taskHref, TaskTable, type ListedTask } from './task-rows';
import { Layout } from './layout';

/** The inbox: the staff member's open tasks, earliest due first, a page at a time. */
export interface InboxModel {
  tasks: InboxRow[];
  overdueOnly: boolean;
  /** A task was just submitted: the page confirms it. */
  submitted: boolean;
  /** The next page, keeping the filter; absent on the last one. */
  nextHref?: string;
}

export interface InboxRow extends ListedTask {
  subscriber: { name: string | null; msisdn: string | null; tier: Tier };
  storeId: string | null;
}

export function inboxModel(inbox: Inbox, view: { overdueOnly: boolean; submitted: boolean; now: number }): InboxModel {
  const tasks = inbox.tasks.map((task): InboxRow => ({
    id: task.id,
    href: taskHref(task.id),
    type: task.type,
    due: dueOf(task, view.now),
    subscriber: task.subscriber,
    storeId: task.storeId,
  }));
  const nextHref = inbox.nextCursor
    ? `/ui/tasks?cursor=${encodeURIComponent(inbox.nextCursor)}${view.overdueOnly ? '&overdue=true' : ''}`
    : undefined;
  return { tasks, overdueOnly: view.overdueOnly, submitted: view.submitted, nextHref };
}

export const InboxPage: Page<InboxModel> = ({ ui, model }) => {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('inbox.title')}>
      <h1>{t('inbox.title')}</h1>
      {model.submitted && (
        <p class="notice" role="status">
          {t('inbox.done')}
        </p>
      )}
      <form method="get" action="/ui/tasks">
        <label>
          <input type="checkbox" name="overdue" value="true" checked={model.overdueOnly} /> {t('inbox.overdueOnly')}
        </label>
        <button type="submit">{t('inbox.filter')}</button>
      </form>
      {model.tasks.length === 0 ? (
        <p>{t('inbox.empty')}</p>
      ) : (
        <TaskTable
          ui={ui}
          rows={model.tasks}
          columns={[
            {
              heading: t('col.subscriber'),
              cell: (task) => `${task.subscriber.name ?? ''} · ${task.subscriber.msisdn ?? ''}`,
            },
            { heading: t('col.tier'), cell: (task) => t.code(task.subscriber.tier) },
            { heading: t('col.store'), cell: (task) => task.storeId || '—' },
          ]}
        />
      )}
      {model.nextHref && (
        <p>
          <a href={model.nextHref}>{t('inbox.next')}</a>
        </p>
      )}
    </Layout>
  );
};
