import type { Locale, PlanTerms } from './vocabulary';
import { listInWords } from './localized';

/**
 * A plan's terms in words, as the welcome SMS and the clerk's tariff points say them. Pure: one
 * wording for every place that tells a customer what their plan includes.
 */

/** An amount of yuan as a bill writes it: `66`, `118.50`. */
export function yuan(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}

/** A per-unit rate as a tariff writes it: `0.15`, `0.1`, `0.0003`. */
export function rate(amount: number): string {
  return String(amount);
}

/** What the plan includes each month, one clause per allowance it has: a plan without MMS says nothing of MMS. */
export function planAllowances(
  plan: Pick<PlanTerms, 'voiceMinutes' | 'dataMB' | 'sms' | 'mms'>,
  locale: Locale,
): string[] {
  const zh = locale === 'zh-CN';
  const clauses: [number, string][] = [
    [plan.voiceMinutes, zh ? `国内语音拨打${plan.voiceMinutes}分钟` : `${plan.voiceMinutes} minutes of domestic calls`],
    [plan.dataMB, zh ? `国内数据流量${plan.dataMB}MB` : `${plan.dataMB} MB of domestic data`],
    [plan.sms, zh ? `国内点对点短信${plan.sms}条` : `${plan.sms} domestic SMS`],
    [plan.mms, zh ? `国内点对点彩信${plan.mms}条` : `${plan.mms} domestic MMS`],
  ];
  return clauses.filter(([amount]) => amount > 0).map(([, clause]) => clause);
}

/** The plan's allowances as one phrase: `国内语音拨打50分钟、国内数据流量300MB…`. */
export function planAllowancesInWords(plan: PlanTerms, locale: Locale): string {
  return listInWords(planAllowances(plan, locale), locale);
}

/** The rates beyond the plan the welcome SMS quotes (calls and data; other services at standard rates). */
export function overageRatesInWords(plan: PlanTerms, locale: Locale): string {
  return locale === 'zh-CN'
    ? `国内语音拨打${rate(plan.voiceOveragePerMin)}元/分钟，国内数据流量${rate(plan.dataOveragePerKB)}元/KB`
    : `domestic calls ${rate(plan.voiceOveragePerMin)} yuan/min and domestic data ${rate(plan.dataOveragePerKB)} yuan/KB`;
}
