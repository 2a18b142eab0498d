import type { VNode } from 'preact';
import type { Translate } from './i18n';
import type { Locale } from '../../domain/vocabulary';

/**
 * What a staff page is and what it gets, apart from how it is rendered (render.ts) and what the
 * shared layout draws (views/layout.tsx): both, and every view, take these types from here.
 */

/** The header every page shares: the page's language, who is signed in, and the same page in the other language. */
export interface LayoutModel {
  locale: Locale;
  /** Absent on a signed-out visitor's pages (sign-in, set-password). */
  staff?: { name: string; seesDashboard: boolean };
  otherLanguageHref: string;
}

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
