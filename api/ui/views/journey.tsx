import type { StaffRole, Tier } from '../../../domain/vocabulary';
import type { JourneyState, NetworkTicketState, SmsRecord, TimelineEntry } from '../../../workflows/state';
import type { TaskStatus } from '../../../workflows/tasks';
import type { BssOrderView } from '../../journeys/bss-outbox';
import type { JourneyReadFrom } from '../../journeys/stored-journeys';
import type { JourneyLinks } from '../../journeys/journey-service';
import type { Page, Ui } from '../page';
import { taskHref } from './task-rows';
import { Layout } from './layout';

/** A subscriber's journey as the workflow holds it: where it is, its tasks, SMS and timeline. */
export interface JourneyPageModel {
  subscriber: { id: string; name: string };
  status: JourneyState['status'];
  moment: string;
  planCode?: string;
  tier: Tier;
  dnd: boolean;
  /** The journey's history in the Temporal Web UI: for engineers only (it shows every payload). */
  temporalWebUi?: string;
  tasks: {
    href: string;
    type: string;
    status: TaskStatus;
    dueAt: string;
    /** The end of the plan's window; absent for tasks opened before windows. */
    windowEndsAt?: string;
    dueAtWindowEnd: boolean;
    escalatedAt?: string;
  }[];
  sms: Pick<SmsRecord, 'at' | 'template' | 'category'>[];
  networkTickets: (NetworkTicketState & { href?: string })[];
  /** The journey's orders for the BSS (plan changes), as the outbox holds them now. */
  bssOrders: Pick<
    BssOrderView,
    'id' | 'toPlanCode' | 'status' | 'deliveries' | 'requestedAt' | 'settledAt' | 'reason'
  >[];
  /** What happened when, as the journey recorded it (the page words it). */
  timeline: TimelineEntry[];
  /** The names of the staff the timeline names by id (see {@link staffNamedIn}). */
  staffNames: Readonly<Record<string, string>>;
  /**
   * Said on the page when Temporal no longer has the workflow: `record` when the journey's record
   * is shown (as of `recordedAt`), `database` when only PostgreSQL's rows remain.
   */
  removedWorkflow?: { shown: 'record' | 'database'; recordedAt?: string };
  /** The personal data was erased: on request, or by the retention policy `retentionDays` after the journey ended. */
  erasure?: { at: string; retentionDays?: number };
}

/** The details of a timeline entry that are a staff member's id, by entry kind: the page shows their name. */
const staffDetails: Readonly<Record<string, readonly string[]>> = {
  task_completed: ['by'],
  task_attempt: ['by'],
  task_reassigned: ['to', 'by'],
  account_manager_assigned: ['staffId'],
  account_manager_released: ['staffId'],
  account_manager_pick_refused: ['staffId'],
};

/** The ids of the staff a timeline names, whose names the page looks up. */
export function staffNamedIn(timeline: readonly TimelineEntry[]): string[] {
  const ids = timeline.flatMap((entry) => (staffDetails[entry.kind] ?? []).map((key) => entry.detail?.[key]));
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

export function journeyPageModel(
  state: JourneyState & { readFrom?: JourneyReadFrom; erasure?: JourneyPageModel['erasure'] },
  links: JourneyLinks,
  viewer: StaffRole,
  staffNames: Readonly<Record<string, string>>,
  bssOrders: readonly BssOrderView[] = [],
): JourneyPageModel {
  return {
    subscriber: { id: state.subscriber.subscriberId, name: state.subscriber.name },
    status: state.status,
    moment: state.moment,
    planCode: state.plan?.code,
    tier: state.tier,
    dnd: state.dnd,
    temporalWebUi: viewer === 'engineer' ? links.temporalWebUi : undefined,
    tasks: state.tasks.map((task) => ({
      href: taskHref(task.id),
      type: task.type,
      status: task.status,
      dueAt: task.dueAt,
      windowEndsAt: task.windowEndsAt,
      dueAtWindowEnd: task.dueAtWindowEnd === true,
      escalatedAt: task.escalatedAt,
    })),
    sms: state.sms.map(({ at, template, category }) => ({ at, template, category })),
    networkTickets: state.networkTickets.map((ticket) => ({
      ...ticket,
      ...(ticket.taskId ? { href: taskHref(ticket.taskId) } : {}),
    })),
    bssOrders: bssOrders.map(({ id, toPlanCode, status, deliveries, requestedAt, settledAt, reason }) => ({
      id,
      toPlanCode,
      status,
      deliveries,
      requestedAt,
      settledAt,
      reason,
    })),
    timeline: state.timeline,
    staffNames,
    ...(state.erasure ? { erasure: state.erasure } : {}),
    ...(state.readFrom?.workflowRemoved && state.readFrom.from !== 'workflow'
      ? {
          removedWorkflow: {
            shown: state.readFrom.from,
            ...(state.readFrom.recordedAt ? { recordedAt: state.readFrom.recordedAt } : {}),
          },
        }
      : {}),
  };
}

/** Details that are instants: shown in the business clock. */
const timeDetails = new Set(['at', 'dueAt', 'replyBy', 'slaDeadline', 'launchAt', 'sendAt']);

/**
 * A timeline entry in the staff's words: its kind's sentence with each detail named (codes and
 * recorded reasons translated, staff by their names, instants in the business clock); a kind this
 * page does not know is named by its code, never shown as raw data.
 */
export function describeEntry(ui: Ui, entry: TimelineEntry, staffNames: Readonly<Record<string, string>>): string {
  const { t } = ui;
  const sentence = t.timeline(entry.kind);
  if (!sentence) return t.code(entry.kind);
  return sentence.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = entry.detail?.[key];
    if (value === undefined || value === null) return '—';
    // A staff member no longer on the roster keeps their id.
    if (staffDetails[entry.kind]?.includes(key)) return staffNames[String(value)] ?? String(value);
    if (Array.isArray(value)) return value.map((item) => t.code(String(item))).join('、');
    if (timeDetails.has(key) && typeof value === 'string') return ui.time(value);
    return t.code(String(value));
  });
}

export const JourneyPage: Page<JourneyPageModel> = ({ ui, model }) => {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('journey.title')}>
      <h1>
        {t('journey.title')} · {model.subscriber.name} ({model.subscriber.id})
      </h1>
      {model.erasure && (
        <p class="notice" role="status" data-testid="personal-data-erased">
          {(model.erasure.retentionDays === undefined ? t('journey.erasedOnRequest') : t('journey.erasedByRetention'))
            .replace('{at}', ui.time(model.erasure.at))
            .replace('{days}', String(model.erasure.retentionDays ?? ''))}
        </p>
      )}
      {model.removedWorkflow && (
        <p class="notice" role="status" data-testid="workflow-removed">
          {model.removedWorkflow.shown === 'record'
            ? t('journey.fromRecord').replace(
                '{at}',
                model.removedWorkflow.recordedAt ? ui.time(model.removedWorkflow.recordedAt) : '—',
              )
            : t('journey.fromRows')}
        </p>
      )}
      <div class="card">
        <dl>
          <dt>{t('journey.status')}</dt>
          <dd>{t.code(model.status)}</dd>
          <dt>{t('journey.moment')}</dt>
          <dd>{t.code(model.moment)}</dd>
          <dt>{t('field.plan')}</dt>
          <dd>{model.planCode ?? '—'}</dd>
          <dt>{t('field.tier')}</dt>
          <dd>{t.code(model.tier)}</dd>
          <dt>{t('field.dnd')}</dt>
          <dd>{model.dnd ? t('yes') : t('no')}</dd>
        </dl>
        {model.temporalWebUi && (
          <p>
            <a href={model.temporalWebUi} target="_blank" rel="noopener">
              {t('journey.temporal')}
            </a>
          </p>
        )}
      </div>
      <h2>{t('journey.tasks')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('col.type')}</th>
            <th>{t('col.status')}</th>
            <th>{t('due.window')}</th>
            <th>{t('col.due')}</th>
            <th>{t('col.escalated')}</th>
          </tr>
        </thead>
        <tbody>
          {model.tasks.map((task) => (
            <tr>
              <td>
                <a href={task.href}>{t.code(task.type)}</a>
              </td>
              <td>{t.code(task.status)}</td>
              <td>{task.windowEndsAt ? ui.time(task.windowEndsAt) : '—'}</td>
              <td>
                {ui.time(task.dueAt)}
                {task.dueAtWindowEnd && <span class="badge window-end">{t('due.windowEnd')}</span>}
              </td>
              <td>{task.escalatedAt ? ui.time(task.escalatedAt) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('journey.sms')}</h2>
      <table>
        <tbody>
          {model.sms.map((sms) => (
            <tr>
              <td>{ui.time(sms.at)}</td>
              <td>{t.code(sms.template)}</td>
              <td>{t.code(sms.category)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {model.networkTickets.length > 0 && (
        <>
          <h2>{t('journey.tickets')}</h2>
          <table data-testid="tickets">
            <tbody>
              {model.networkTickets.map((ticket) => (
                <tr>
                  <td>
                    {ticket.href ? <a href={ticket.href}>{t.code(ticket.status)}</a> : t.code(ticket.status)}
                    {ticket.resolvedBy ? `（${t(`journey.resolvedBy.${ticket.resolvedBy}`)}）` : ''}
                  </td>
                  <td>
                    {t('journey.ticketDue')}: {ticket.dueAt ? ui.time(ticket.dueAt) : '—'}
                  </td>
                  <td>{ticket.escalatedAt ? `${t('col.escalated')} ${ui.time(ticket.escalatedAt)}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {model.bssOrders.length > 0 && (
        <>
          <h2>{t('journey.bssOrders')}</h2>
          <table data-testid="bss-orders">
            <thead>
              <tr>
                <th>{t('journey.orderPlan')}</th>
                <th>{t('col.status')}</th>
                <th>{t('journey.orderDeliveries')}</th>
                <th>{t('journey.orderRequested')}</th>
                <th>{t('journey.orderSettled')}</th>
              </tr>
            </thead>
            <tbody>
              {model.bssOrders.map((order) => (
                <tr data-order={order.id}>
                  <td>{order.toPlanCode}</td>
                  <td>
                    {t(`journey.order.${order.status}`)}
                    {order.reason ? `（${order.reason}）` : ''}
                  </td>
                  <td>{order.deliveries}</td>
                  <td>{ui.time(order.requestedAt)}</td>
                  <td>{order.settledAt ? ui.time(order.settledAt) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>{t('journey.timeline')}</h2>
      <table data-testid="timeline">
        <tbody>
          {model.timeline.map((entry) => (
            <tr>
              <td>{ui.time(entry.at)}</td>
              <td>{describeEntry(ui, entry, model.staffNames)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
};
