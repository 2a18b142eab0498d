import type { StaffRole, Tier } from '../../../workflows/domain';
import type { JourneyState, SmsRecord } from '../../../workflows/state';
import type { TaskStatus } from '../../../workflows/tasks';
import type { JourneyLinks } from '../../journeys';
import type { Page } from '../render';
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
  tasks: { href: string; type: string; status: TaskStatus; dueAt: string; escalatedAt?: string }[];
  sms: Pick<SmsRecord, 'at' | 'template' | 'category'>[];
  /** What happened when: a moment that began (`moment`), or another entry's kind and details. */
  timeline: { at: string; moment?: string; kind: string; details: string }[];
}

export function journeyPageModel(state: JourneyState, links: JourneyLinks, viewer: StaffRole): JourneyPageModel {
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
      escalatedAt: task.escalatedAt,
    })),
    sms: state.sms.map(({ at, template, category }) => ({ at, template, category })),
    timeline: state.timeline.map(({ at, kind, detail }) => {
      const moment = kind === 'moment' && typeof detail?.moment === 'string' ? detail.moment : undefined;
      return { at, kind, moment, details: detail && !moment ? JSON.stringify(detail) : '' };
    }),
  };
}

export const JourneyPage: Page<JourneyPageModel> = ({ ui, model }) => {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('journey.title')}>
      <h1>
        {t('journey.title')} · {model.subscriber.name} ({model.subscriber.id})
      </h1>
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
              <td>{ui.time(task.dueAt)}</td>
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
              <td>{sms.template}</td>
              <td>{sms.category}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('journey.timeline')}</h2>
      <table>
        <tbody>
          {model.timeline.map((entry) => (
            <tr>
              <td>{ui.time(entry.at)}</td>
              <td>{entry.moment ? t.code(entry.moment) : entry.kind}</td>
              <td>{entry.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
};
