import { controlTouches, type ControlTouch } from '../../../domain/control-group';
import type { LiftComparison } from '../../../domain/lift';
import type { GroupSize, LiftReport } from '../../reports/lift-report';
import type { Page } from '../page';
import { Layout } from './layout';

const measureNames = ['departures', 'valueAddedTakeUp', 'planChanges'] as const;
type MeasureName = (typeof measureNames)[number];

/** The supervisor's lift page: the experiment asked for, the group sizes, and each measure compared. */
export interface LiftPageModel {
  touch: ControlTouch;
  touches: readonly ControlTouch[];
  /** The share now held out and its touch; null while no control group is being assigned. */
  configured: { percent: string; touch: ControlTouch } | null;
  activatedFrom: string;
  activatedTo: string;
  minGroupSize: number;
  groups: { group: 'treatment' | 'control'; size: GroupSize }[];
  measures: { name: MeasureName; comparison: LiftComparison }[];
}

export function liftPageModel(report: LiftReport): LiftPageModel {
  return {
    touch: report.touch,
    touches: controlTouches,
    configured:
      report.configured.share > 0
        ? { percent: percent(report.configured.share), touch: report.configured.touch }
        : null,
    activatedFrom: report.activatedFrom ?? '',
    activatedTo: report.activatedTo ?? '',
    minGroupSize: report.minGroupSize,
    groups: [
      { group: 'treatment', size: report.groups.treatment },
      { group: 'control', size: report.groups.control },
    ],
    measures: measureNames.map((name) => ({ name, comparison: report.measures[name] })),
  };
}

/** A share as a percentage with up to one decimal: 0.05 → "5%", 0.125 → "12.5%". */
const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Proportion points with their sign: -0.15 → "−15.0". */
const points = (difference: number) =>
  `${difference > 0 ? '+' : difference < 0 ? '−' : ''}${Math.abs(difference * 100).toFixed(1)}`;

export const LiftPage: Page<LiftPageModel> = ({ ui, model }) => {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('lift.title')}>
      <h1>{t('lift.title')}</h1>
      <p>{t('lift.intro')}</p>
      <p class="notice" data-testid="configured">
        {model.configured
          ? t('lift.configured')
              .replace('{percent}', model.configured.percent)
              .replace('{touch}', t.code(model.configured.touch))
          : t('lift.off')}
      </p>

      <form method="get" action="/ui/lift" class="card">
        <label>
          {t('lift.touch')}{' '}
          <select name="touch">
            {model.touches.map((touch) => (
              <option value={touch} selected={touch === model.touch}>
                {t.code(touch)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('lift.activatedFrom')} <input type="date" name="activatedFrom" value={model.activatedFrom} />
        </label>
        <label>
          {t('lift.activatedTo')} <input type="date" name="activatedTo" value={model.activatedTo} />
        </label>
        <button type="submit">{t('lift.show')}</button>
      </form>

      <h2>{t('lift.groups')}</h2>
      <table data-testid="lift-groups">
        <thead>
          <tr>
            <th>{t('lift.group')}</th>
            <th>{t('lift.assigned')}</th>
            <th>{t('lift.finished')}</th>
            <th>{t('lift.running')}</th>
          </tr>
        </thead>
        <tbody>
          {model.groups.map(({ group, size }) => (
            <tr data-group={group}>
              <td>{t(`lift.${group}`)}</td>
              <td>{size.assigned}</td>
              <td>{size.finished}</td>
              <td>{size.running}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('lift.measures')}</h2>
      <table data-testid="lift-measures">
        <thead>
          <tr>
            <th>{t('lift.measure')}</th>
            <th>{t('lift.treatment')}</th>
            <th>{t('lift.control')}</th>
            <th>{t('lift.difference')}</th>
            <th>{t('lift.interval')}</th>
            <th>{t('lift.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {model.measures.map(({ name, comparison }) => {
            const { judgement } = comparison;
            const told = judgement.verdict !== 'too_small_to_tell';
            return (
              <tr data-measure={name}>
                <td>{t(`lift.${name}`)}</td>
                <td data-cell="treatment">{rate(comparison.treatment)}</td>
                <td data-cell="control">{rate(comparison.control)}</td>
                <td data-cell="difference">
                  {comparison.difference === null ? '—' : `${points(comparison.difference)} ${t('lift.points')}`}
                </td>
                <td data-cell="interval">
                  {comparison.interval
                    ? `${points(comparison.interval.lower)} … ${points(comparison.interval.upper)}`
                    : '—'}
                </td>
                <td data-cell="verdict">
                  <span class={told ? 'badge moment' : 'badge issue'}>
                    {judgement.verdict === 'too_small_to_tell'
                      ? t(`lift.${judgement.reason}`).replace('{min}', String(model.minGroupSize))
                      : t(`lift.${judgement.verdict}`)}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Layout>
  );
};

/** "12 / 40 (30.0%)", or "0 / 0" for an empty group. */
function rate({ count, n, rate }: LiftComparison['treatment']): string {
  return rate === null ? `${count} / ${n}` : `${count} / ${n} (${(rate * 100).toFixed(1)}%)`;
}
