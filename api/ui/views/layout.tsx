import type { ComponentChildren } from 'preact';
import type { Locale } from '../../../domain/vocabulary';
import type { StaffMember } from '../../staff-access/auth';
import type { LayoutModel, Ui } from '../page';

/** The layout of a page at `url` (path and query) for `staff`, in `locale`; the other language keeps the query. */
export function layoutModel(locale: Locale, staff: StaffMember | undefined, url: string): LayoutModel {
  const otherLanguage = new URL(url, 'http://page');
  otherLanguage.searchParams.set('lang', locale === 'en' ? 'zh-CN' : 'en');
  return {
    locale,
    ...(staff ? { staff: { name: staff.name, seesDashboard: staff.role === 'supervisor' } } : {}),
    otherLanguageHref: `${otherLanguage.pathname}${otherLanguage.search}`,
  };
}

/** The document around a page's content: head, header with navigation, language link and sign-out. */
export function Layout({ ui, title, children }: { ui: Ui; title: string; children: ComponentChildren }) {
  const { layout, t } = ui;
  const { staff } = layout;
  return (
    <html lang={layout.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('app.title')}`}</title>
        {/* A constant of this module, not data: written as is so its quotes stay CSS. */}
        {/* eslint-disable-next-line no-restricted-syntax */}
        <style dangerouslySetInnerHTML={{ __html: stylesheet }} />
      </head>
      <body>
        <header>
          <strong>{t('app.title')}</strong>
          {staff && <a href="/ui/tasks">{t('nav.inbox')}</a>}
          {staff?.seesDashboard && <a href="/ui/dashboard">{t('nav.dashboard')}</a>}
          {staff?.seesDashboard && <a href="/ui/calendar">{t('nav.calendar')}</a>}
          {staff?.seesDashboard && <a href="/ui/preview">{t('nav.preview')}</a>}
          <span class="spacer"></span>
          <a href={layout.otherLanguageHref}>{t('nav.language')}</a>
          {staff && <span>{staff.name}</span>}
          {staff && (
            <form method="post" action="/ui/logout">
              <button type="submit">{t('nav.signOut')}</button>
            </form>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

const stylesheet = `
  body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", sans-serif; margin: 0; color: #1d2733; background: #f5f7fa; }
  header { background: #0b5cab; color: #fff; display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.2rem; }
  header a, header button { color: #fff; text-decoration: none; background: none; border: 0; font: inherit; cursor: pointer; }
  header .spacer { flex: 1; }
  main { max-width: 1100px; margin: 1.2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #e3e8ef; vertical-align: top; }
  tr.overdue td { background: #fff1f0; }
  .badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; font-size: .85rem; }
  .badge.overdue { background: #cf1322; color: #fff; }
  .badge.escalated { background: #fa8c16; color: #fff; }
  .badge.window-end { background: #722ed1; color: #fff; }
  .badge.moment { background: #e6f4ff; }
  .badge.issue { background: #fff7e6; }
  .card { background: #fff; padding: 1rem 1.2rem; border-radius: .4rem; margin-bottom: 1rem; box-shadow: 0 1px 2px #0001; }
  .card.narrow { max-width: 28rem; margin: 3rem auto; }
  .error { background: #fff1f0; border: 1px solid #ffa39e; padding: .6rem 1rem; white-space: pre-line; }
  .notice { background: #f6ffed; border: 1px solid #b7eb8f; padding: .6rem 1rem; }
  .script { border-left: 3px solid #0b5cab; padding-left: .8rem; }
  fieldset { border: 1px solid #d9e1ea; margin: .6rem 0; }
  label { display: inline-block; margin: .2rem .8rem .2rem 0; }
  input[type=text], input[type=password], textarea, input[type=datetime-local] { padding: .3rem; min-width: 18rem; }
  button.primary { background: #0b5cab; color: #fff; border: 0; padding: .5rem 1.4rem; border-radius: .3rem; font-size: 1rem; cursor: pointer; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; } dt { color: #5a6b7d; }
`;
