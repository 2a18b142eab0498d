import type { Locale } from './vocabulary';

/** A text in each language of the journey: Simplified Chinese for the operator's staff and customers, English beside it. */
export type Localized = Readonly<Record<Locale, string>>;

/** Joins items as a sentence lists them: `a、b、c` in Chinese, `a, b and c` (or `… or c`) in English. */
export function listInWords(items: readonly string[], locale: Locale, conjunction: 'and' | 'or' = 'and'): string {
  if (locale === 'zh-CN') return items.join('、');
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
