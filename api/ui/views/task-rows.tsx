import type { ComponentChildren } from 'preact';
import type { Ui } from '../page';

/**
 * When a listed task is due, and whether it is late, was escalated, or is due at the plan window's end
 * because the calendar left no working time in it: the badges of its row.
 */
export interface Due {
  dueAt: Date;
  overdue: boolean;
  escalated: boolean;
  atWindowEnd: boolean;
}

export function dueOf(task: { dueAt: Date; escalatedAt: Date | null; dueAtWindowEnd: boolean }, now: number): Due {
  return {
    dueAt: task.dueAt,
    overdue: task.dueAt.getTime() < now,
    escalated: task.escalatedAt !== null,
    atWindowEnd: task.dueAtWindowEnd,
  };
}

export function taskHref(taskId: string): string {
  return `/ui/tasks/${encodeURIComponent(taskId)}`;
}

export function journeyHref(subscriberId: string): string {
  return `/ui/subscribers/${encodeURIComponent(subscriberId)}`;
}

/** A task in a list: its page, type and due facts; the list adds its own columns. */
export interface ListedTask {
  id: string;
  href: string;
  type: string;
  due: Due;
}

/**
 * A table of tasks (inbox, dashboard): due time with badges and the task's type as a link, then
 * `columns`. An overdue row is marked; each row carries the task's id for the browser tests.
 */
export function TaskTable<Row extends ListedTask>(props: {
  ui: Ui;
  id?: string;
  rows: readonly Row[];
  columns: readonly { heading: string; cell: (row: Row) => ComponentChildren }[];
}) {
  const { ui, rows, columns } = props;
  const { t } = ui;
  return (
    <table id={props.id}>
      <thead>
        <tr>
          <th>{t('col.due')}</th>
          <th>{t('col.type')}</th>
          {columns.map((column) => (
            <th>{column.heading}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr class={row.due.overdue ? 'overdue' : ''} data-task-id={row.id}>
            <DueCell ui={ui} due={row.due} />
            <td>
              <a href={row.href}>{t.code(row.type)}</a>
            </td>
            {columns.map((column) => (
              <td>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The due cell of a task list: the time, "overdue", "escalated" and "due at the window's end" badges. */
function DueCell({ ui, due }: { ui: Ui; due: Due }) {
  const { t } = ui;
  return (
    <td>
      {ui.time(due.dueAt)} {due.overdue && <span class="badge overdue">{t('overdue')}</span>}{' '}
      {due.escalated && <span class="badge escalated">{t('col.escalated')}</span>}{' '}
      {due.atWindowEnd && (
        <span class="badge window-end" title={t('due.windowEndExplained')}>
          {t('due.windowEnd')}
        </span>
      )}
    </td>
  );
}
