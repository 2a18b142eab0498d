import type { PreviewEntry } from '../../../domain/journey-preview';
import { paymentTypes, tiers } from '../../../domain/vocabulary';
import type { PreviewQuery } from '../../journeys/preview-request';
import type { Page, Ui } from '../page';
import { Layout } from './layout';

/** The supervisor's journey preview: the profile asked about, and the 90 days it would bring. */
export interface PreviewModel {
  query: PreviewQuery;
  activatedAt: number;
  stores: { id: string; name: string; nameEn: string }[];
  entries: PreviewEntry[];
}

const DAY_MS = 86_400_000;

export const PreviewPage: Page<PreviewModel> = ({ ui, model }) => {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('preview.title')}>
      <h1>{t('preview.title')}</h1>
      <p>{t('preview.intro')}</p>
      <ProfileForm ui={ui} model={model} />
      <table data-testid="preview">
        <thead>
          <tr>
            <th>{t('preview.day')}</th>
            <th>{t('preview.at')}</th>
            <th>{t('preview.what')}</th>
            <th>{t('preview.role')}</th>
            <th>{t('due.window')}</th>
            <th>{t('preview.due')}</th>
          </tr>
        </thead>
        <tbody>
          {model.entries.map((entry) => (
            <tr data-kind={entry.kind}>
              <td>{Math.floor((entry.at - model.activatedAt) / DAY_MS)}</td>
              <td>{ui.time(new Date(entry.at))}</td>
              <td>{what(ui, entry)}</td>
              <td>{entry.kind === 'task' ? t(`role.${entry.role}`) : ''}</td>
              <td>{entry.kind === 'task' ? ui.time(new Date(entry.windowEndsAt)) : ''}</td>
              <td>
                {entry.kind === 'task' && ui.time(new Date(entry.dueAt))}
                {entry.kind === 'task' && entry.dueAtWindowEnd && (
                  <span class="badge window-end">{t('due.windowEnd')}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
};

function what(ui: Ui, entry: PreviewEntry): string {
  const { t } = ui;
  if (entry.kind === 'sms') return `${t('preview.sms')}：${t.code(entry.template)}`;
  if (entry.kind === 'task') return `${t('preview.task')}：${t.code(entry.type)}`;
  return t(`preview.note.${entry.note}`);
}

function ProfileForm({ ui, model }: { ui: Ui; model: PreviewModel }) {
  const { t } = ui;
  const { query } = model;
  return (
    <form method="get" action="/ui/preview" class="card">
      <label>
        {t('preview.tier')}{' '}
        <select name="tier">
          {tiers.map((tier) => (
            <option value={tier} selected={tier === query.tier}>
              {t.code(tier)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('preview.paymentType')}{' '}
        <select name="paymentType">
          {paymentTypes.map((type) => (
            <option value={type} selected={type === query.paymentType}>
              {t.code(type)}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('preview.store')}{' '}
        <select name="storeId">
          {model.stores.map((store) => (
            <option value={store.id} selected={store.id === query.storeId}>
              {ui.nameOf(store)} ({store.id})
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('preview.activatedAt')} <input type="datetime-local" name="activatedAt" value={query.activatedAt ?? ''} />
      </label>{' '}
      <label>
        <input type="checkbox" name="numberChange" checked={query.numberChange === 'on'} /> {t('preview.numberChange')}
      </label>{' '}
      <label>
        <input type="checkbox" name="initialPassword" checked={query.initialPassword === 'on'} />{' '}
        {t('preview.initialPassword')}
      </label>
      <fieldset>
        <legend>{t('preview.events')}</legend>
        <label>
          {t('preview.vipDay')} <input type="number" name="vipDay" min="0" max="90" value={query.vipDay ?? ''} />
        </label>{' '}
        <select name="vipTier" aria-label={t('preview.vipTier')}>
          {tiers
            .filter((tier) => tier !== 'standard')
            .map((tier) => (
              <option value={tier} selected={tier === query.vipTier}>
                {t.code(tier)}
              </option>
            ))}
        </select>{' '}
        <label>
          {t('preview.paidDay')} <input type="number" name="paidDay" min="0" max="90" value={query.paidDay ?? ''} />
        </label>{' '}
        <label>
          {t('preview.leftDay')} <input type="number" name="leftDay" min="0" max="90" value={query.leftDay ?? ''} />
        </label>
      </fieldset>
      <button type="submit" class="primary">
        {t('preview.show')}
      </button>
    </form>
  );
}
