import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { defaultSchedule } from '../../workflows/schedule';
import { translator } from './i18n';
import type { LayoutModel, Page, Ui } from './page';

/** The words and the clock of a page in the layout's language. */
export function uiFor(layout: LayoutModel): Ui {
  const clock = new Intl.DateTimeFormat(layout.locale, {
    timeZone: defaultSchedule.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return {
    layout,
    t: translator(layout.locale),
    time: (value) => clock.format(new Date(value)),
    nameOf: (item) => (layout.locale === 'en' ? item.nameEn || item.name : item.name),
  };
}

/** The HTML document of a page; Preact escapes every text and attribute value. */
export function renderPage<Model>(page: Page<Model>, ui: Ui, model: Model): string {
  return `<!doctype html>${renderToString(h(page, { ui, model }))}`;
}
