/** Danish (or English) number and date formats via Intl, always in Copenhagen time. */

export type Locale = 'da' | 'en';

export const TIME_ZONE = 'Europe/Copenhagen';
export const INTL_LOCALE: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function formatNumber(value: number, locale: Locale, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits }).format(value);
}

/** A share as a percentage: 0.15 → "15 %" (da) / "15%" (en). */
export function formatPercent(share: number, locale: Locale, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'percent', maximumFractionDigits }).format(share);
}

/** A calendar date ("2026-12-01") or an instant; dates never shift a day whatever the browser's zone. */
export function formatDate(value: string | Date, locale: Locale): string {
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) {
      const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone: 'UTC' }).format(date);
    }
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone: TIME_ZONE }).format(date);
}

export function formatDateTime(value: string | Date, locale: Locale): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE,
  }).format(date);
}
