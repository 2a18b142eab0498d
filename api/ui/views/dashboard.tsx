import type { Prisma } from '../../../prisma/generated/client';
import type { StaffRole } from '../../../domain/vocabulary';
import type { JourneyReport, TaskFigures } from '../../reports/journey-report';
import type { Page, Ui } from '../page';
import { dueOf, journeyHref, taskHref, TaskTable, type ListedTask } from './task-rows';
import { Layout } from './layout';

/** What the dashboard reads of the tasks needing attention: the task with the subscriber's name. */
export const attentionInclude = {
  subscriber: { select: { name: true } },
} as const satisfies Prisma.TaskInclude;

export type AttentionRow = Prisma.TaskGetPayload<{ include: typeof attentionInclude }>;

/** The supervisor's dashboard: completion and SLA per moment, tasks needing attention, journeys, issues. */
export interface DashboardModel {
  moments: { moment: string; figures: TaskFigures; completion: number }[];
  attention: (ListedTask & {
    subscriber: { name: string | null; href: string };
    /** Who works the task: its role, and its store when it is a store's (a follow-up call has none). */
    role: StaffRole;
    store?: StoreName;
  })[];
  running: { moment: string; count: number }[];
  followupIssues: { category: string; count: number }[];
  /** The plan's SLAs: the activation SMS within 2 hours; per manager, assignment and first call. */
  activationSms: JourneyReport['activationSms'];
  accountManagers: JourneyReport['accountManagers'];
}

/** A store as the dashboard names it. */
export interface StoreName {
  id: string;
  name: string;
  nameEn: string;
}

export function dashboardModel(
  report: JourneyReport,
  attention: readonly AttentionRow[],
  stores: readonly StoreName[],
  now: number,
): DashboardModel {
  const counts = (figures: Record<string, number>) => Object.entries(figures);
  return {
    moments: Object.entries(report.tasksByMoment).map(([moment, figures]) => ({
      moment,
      figures,
      completion: figures.total === 0 ? 0 : figures.completed / figures.total,
    })),
    attention: attention.map((task) => ({
      id: task.id,
      href: taskHref(task.id),
      type: task.type,
      due: dueOf(task, now),
      subscriber: { name: task.subscriber.name, href: journeyHref(task.subscriberId) },
      role: task.role,
      ...(task.storeId
        ? { store: stores.find((store) => store.id === task.storeId) ?? unknownStore(task.storeId) }
        : {}),
    })),
    running: counts(report.journeys.runningByMoment).map(([moment, count]) => ({ moment, count })),
    followupIssues: counts(report.followupIssues).map(([category, count]) => ({ category, count })),
    activationSms: report.activationSms,
    accountManagers: report.accountManagers,
  };
}

/** A store the catalog no longer holds is named by its id rather than not at all. */
const unknownStore = (id: string): StoreName => ({ id, name: id, nameEn: id });

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

export const DashboardPage: Page<DashboardModel> = ({ ui, model }) => {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('dashboard.title')}>
      <h1>{t('dashboard.title')}</h1>
      <p>
        <a href="/ui/lift" data-testid="lift-link">
          {t('dashboard.liftLink')}
        </a>
      </p>
      <h2>{t('dashboard.byMoment')}</h2>
      <div class="card">
        <SlaChart ui={ui} moments={model.moments} />
        <table>
          <thead>
            <tr>
              <th></th>
              <th>{t('col.total')}</th>
              <th>{t.code('completed')}</th>
              <th>{t('overdue')}</th>
              <th>{t.code('expired')}</th>
              <th>{t('col.escalated')}</th>
              <th>{t('dashboard.sla')}</th>
            </tr>
          </thead>
          <tbody>
            {model.moments.map(({ moment, figures }) => (
              <tr>
                <td>{t.code(moment)}</td>
                <td>{figures.total}</td>
                <td>{figures.completed}</td>
                <td>{figures.overdue}</td>
                <td>{figures.expired}</td>
                <td>{figures.escalated}</td>
                <td>{percent(figures.slaCompliance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-testid="sla-rule">{t('dashboard.slaRule')}</p>
      </div>

      <h2>{t('dashboard.overdue')}</h2>
      {model.attention.length === 0 ? (
        <p>{t('dashboard.none')}</p>
      ) : (
        <TaskTable
          ui={ui}
          id="attention"
          rows={model.attention}
          columns={[
            { heading: t('col.subscriber'), cell: (task) => <a href={task.subscriber.href}>{task.subscriber.name}</a> },
            { heading: t('col.role'), cell: (task) => t(`role.${task.role}`) },
            { heading: t('col.store'), cell: (task) => (task.store ? ui.nameOf(task.store) : t('col.noStore')) },
          ]}
        />
      )}

      <h2>{t('dashboard.activationSms')}</h2>
      <p data-testid="activation-sms">
        <span class="badge">
          {t('dashboard.onTime')} {model.activationSms.withinSla}
        </span>{' '}
        <span class={model.activationSms.late > 0 ? 'badge overdue' : 'badge'}>
          {t('dashboard.late')} {model.activationSms.late}
        </span>
      </p>

      <h2>{t('dashboard.managers')}</h2>
      {model.accountManagers.length === 0 ? (
        <p>{t('dashboard.none')}</p>
      ) : (
        <table data-testid="account-managers">
          <thead>
            <tr>
              <th>{t('task.assignee')}</th>
              <th>{t('dashboard.assignedOnTime')}</th>
              <th>{t('dashboard.firstCallsOnTime')}</th>
            </tr>
          </thead>
          <tbody>
            {model.accountManagers.map((manager) => (
              <tr data-manager={manager.staffId}>
                <td>{manager.name}</td>
                <td>
                  {manager.assignedWithinSla} / {manager.assignmentsTimed}
                </td>
                <td>
                  {manager.firstCallsOnTime} / {manager.firstCalls}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('dashboard.journeys')}</h2>
      <Badges ui={ui} kind="moment" counts={model.running.map(({ moment, count }) => [moment, count])} />
      <h2>{t('dashboard.issues')}</h2>
      <Badges ui={ui} kind="issue" counts={model.followupIssues.map(({ category, count }) => [category, count])} />
    </Layout>
  );
};

/** Counts per code as badges, or "none". */
function Badges({ ui, kind, counts }: { ui: Ui; kind: 'moment' | 'issue'; counts: [string, number][] }) {
  const { t } = ui;
  return (
    <p>
      {counts.length === 0 && t('dashboard.none')}
      {counts.map(([code, count]) => (
        <>
          <span class={`badge ${kind}`}>
            {t.code(code)}: {count}
          </span>{' '}
        </>
      ))}
    </p>
  );
}

/** Bars of completion and SLA compliance per moment (SVG, no script). */
function SlaChart({ ui, moments }: { ui: Ui; moments: DashboardModel['moments'] }) {
  const { t } = ui;
  const [barWidth, gap, chartHeight, left] = [26, 70, 180, 40];
  const width = left + Math.max(1, moments.length) * (2 * barWidth + gap);
  const top = (share: number) => 10 + chartHeight * (1 - share);
  return (
    <svg
      id="sla-chart"
      role="img"
      aria-label={t('dashboard.byMoment')}
      width={width}
      height={chartHeight + 60}
      viewBox={`0 0 ${width} ${chartHeight + 60}`}
    >
      {[0, 50, 100].map((tick) => (
        <>
          <line x1={left} x2={width} y1={top(tick / 100)} y2={top(tick / 100)} stroke="#e3e8ef" />
          <text x={left - 6} y={top(tick / 100) + 4} font-size="11" text-anchor="end">
            {tick}%
          </text>
        </>
      ))}
      {moments.map(({ moment, figures, completion }, index) => {
        const x = left + 10 + index * (2 * barWidth + gap);
        const sla = figures.slaCompliance ?? 0;
        return (
          <g data-moment={moment}>
            <rect x={x} y={top(completion)} width={barWidth} height={chartHeight * completion} fill="#0b5cab">
              <title>
                {t('dashboard.completion')} {percent(completion)}
              </title>
            </rect>
            <rect x={x + barWidth} y={top(sla)} width={barWidth} height={chartHeight * sla} fill="#52c41a">
              <title>
                {t('dashboard.sla')} {percent(figures.slaCompliance)}
              </title>
            </rect>
            <text x={x + barWidth} y={chartHeight + 28} font-size="12" text-anchor="middle">
              {t.code(moment)}
            </text>
          </g>
        );
      })}
      <rect x={left} y={chartHeight + 40} width="12" height="12" fill="#0b5cab" />
      <text x={left + 16} y={chartHeight + 50} font-size="12">
        {t('dashboard.completion')}
      </text>
      <rect x={left + 120} y={chartHeight + 40} width="12" height="12" fill="#52c41a" />
      <text x={left + 136} y={chartHeight + 50} font-size="12">
        {t('dashboard.sla')}
      </text>
    </svg>
  );
}
