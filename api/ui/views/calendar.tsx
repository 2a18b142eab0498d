import type { BusinessCalendarOverview } from '../../journeys/calendar-admin';
import type { IsoWeekday, WorkingHours } from '../../../domain/working-time';
import type { Page, Ui } from '../page';
import { Layout } from './layout';

/** The supervisor's calendar page: the business calendars tasks are due on, the coming holidays, a form for any calendar's hours. */
export interface CalendarModel {
  overview: BusinessCalendarOverview;
  /** The stores that may have hours of their own. */
  stores: { id: string; name: string; nameEn: string }[];
  /** The calendar version just saved, when the page follows a change. */
  saved?: string;
  error?: string;
}

const weekdays: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
/** The calendars not of one store: the outbound call team's, the hotline's, every store's. */
const sharedCalendars = ['call_centre', 'hotline', 'store'] as const;

export const CalendarPage: Page<CalendarModel> = ({ ui, model }) => {
  const { t } = ui;
  const { overview } = model;
  return (
    <Layout ui={ui} title={t('calendar.title')}>
      <h1>{t('calendar.title')}</h1>
      {model.saved && <p class="notice">{`${t('calendar.saved')} ${model.saved}`}</p>}
      {model.error && <p class="error">{model.error}</p>}
      <p class="card" data-testid="holidays-source">
        {t('calendar.source')} <code>{overview.holidaysSource}</code> · {t('calendar.coversThrough')}{' '}
        {overview.holidaysLastYear}
      </p>
      {overview.nextYearMissing && (
        <p class="error" data-testid="next-year-missing">
          {t('calendar.nextYearMissing')}
        </p>
      )}

      <h2>{t('calendar.hours')}</h2>
      <table data-testid="working-hours">
        <thead>
          <tr>
            <th>{t('calendar.calendar')}</th>
            <th>{t('calendar.opening')}</th>
            <th>{t('calendar.closedOn')}</th>
            <th>{t('calendar.publicHolidays')}</th>
            <th>{t('calendar.closedDates')}</th>
            <th>{t('calendar.version')}</th>
            <th>{t('calendar.changed')}</th>
          </tr>
        </thead>
        <tbody>
          {overview.calendars.map((calendar) => (
            <tr data-calendar={calendar.calendar}>
              <td>{calendar.store ? calendar.store[ui.layout.locale] : t.code(calendar.calendar)}</td>
              <td>{opening(ui, calendar.hours)}</td>
              <td>{closedDays(ui, calendar.hours.closedWeekdays)}</td>
              <td>{t(calendar.hours.closedOnPublicHolidays ? 'calendar.keepsHolidays' : 'calendar.worksHolidays')}</td>
              <td>{calendar.hours.closedDates.length === 0 ? '—' : calendar.hours.closedDates.join(' ')}</td>
              <td>
                <code>{calendar.version}</code>
              </td>
              <td>
                {calendar.updatedBy ? `${ui.time(calendar.updatedAt)} · ${calendar.updatedBy}` : t('calendar.seed')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('calendar.rule')}</p>

      <h2>{t('calendar.upcoming')}</h2>
      {overview.upcoming.length === 0 ? (
        <p>{t('dashboard.none')}</p>
      ) : (
        <table data-testid="upcoming-days">
          <tbody>
            {overview.upcoming.map((day) => (
              <tr data-date={day.date} class={day.kind === 'holiday' ? '' : 'make-up'}>
                <td>{day.date}</td>
                <td>{t(`weekday.${weekdayOf(day.date)}`)}</td>
                <td>{day.festival[ui.layout.locale]}</td>
                <td>
                  <span class={day.kind === 'holiday' ? 'badge moment' : 'badge issue'}>{t.code(day.kind)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('calendar.changeStore')}</h2>
      <form method="post" action="/ui/calendar/hours" class="card">
        <label>
          {t('calendar.calendar')}{' '}
          <select name="calendar">
            {sharedCalendars.map((calendar) => (
              <option value={calendar}>{t.code(calendar)}</option>
            ))}
            {model.stores.map((store) => (
              <option value={`store:${store.id}`}>{`${store.id} ${ui.nameOf(store)}`}</option>
            ))}
          </select>
        </label>
        <label>
          {t('calendar.opens')} <input type="time" name="opens" value="09:00" required />
        </label>
        <label>
          {t('calendar.closes')} <input type="time" name="closes" value="18:00" required />
        </label>
        <label>
          <input type="checkbox" name="aroundTheClock" /> {t('calendar.aroundTheClockBox')}
        </label>
        <fieldset>
          <legend>{t('calendar.closedOn')}</legend>
          {weekdays.map((weekday) => (
            <label>
              <input type="checkbox" name="closedWeekdays" value={String(weekday)} /> {t(`weekday.${weekday}`)}
            </label>
          ))}
        </fieldset>
        <label>
          <input type="checkbox" name="closedOnPublicHolidays" /> {t('calendar.closedOnPublicHolidaysBox')}
        </label>
        <label>
          {t('calendar.closedDatesHint')} <textarea name="closedDates" rows={2} cols={40} />
        </label>
        <p>{t('calendar.changeApplies')}</p>
        <button type="submit" class="primary">
          {t('calendar.save')}
        </button>
      </form>
    </Layout>
  );
};

function opening(ui: Ui, hours: WorkingHours): string {
  if (hours.opens === '00:00' && hours.closes === '24:00') return ui.t('calendar.aroundTheClock');
  return `${hours.opens}–${hours.closes}`;
}

function closedDays(ui: Ui, closed: readonly IsoWeekday[]): string {
  if (closed.length === 0) return ui.t('calendar.openDaily');
  return closed.map((weekday) => ui.t(`weekday.${weekday}`)).join(ui.layout.locale === 'en' ? ', ' : '、');
}

function weekdayOf(date: string): IsoWeekday {
  return (((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) as IsoWeekday;
}
