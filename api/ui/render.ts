import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { defaultSchedule } from '../../workflows/schedule';
import { translator, type Translate } from './i18n';
import type { LayoutModel } from './views/layout';

/** What every page component gets besides its own model: the shared layout's model, its words and clock. */
export interface Ui {
  layout: LayoutModel;
  t: Translate;
  /** A time on the business clock, short date and time in the page's language. */
  time: (value: Date | string) => string;
  /** The name of a catalog item (plan, service) in the page's language. */
  nameOf: (item: { name: string; nameEn: string }) => string;
}

/** A staff page: a component that renders its own typed model inside the layout. */
export type Page<Model> = (props: { ui: Ui; model: Model }) => VNode;

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
