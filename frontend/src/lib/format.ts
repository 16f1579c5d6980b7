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

/** The Copenhagen wall-clock parts of an instant (for calendars and form fields). */
export function copenhagenParts(value: string | Date): { date: string; time: string; year: number; month: number; day: number; weekday: number } {
  const date = typeof value === 'string' ? new Date(value) : value;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    weekday: weekdays.indexOf(parts.weekday ?? 'Mon'),
  };
}

/** Minutes Copenhagen is ahead of UTC at an instant (60 in winter, 120 in summer). */
function copenhagenOffsetMinutes(utcMillis: number): number {
  const p = copenhagenParts(new Date(utcMillis));
  const [h, m] = p.time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, h, m);
  return Math.round((asUtc - Math.floor(utcMillis / 60_000) * 60_000) / 60_000);
}

/**
 * A Copenhagen date ("2026-03-29") and time ("14:00") as RFC 3339 with its offset
 * ("2026-03-29T14:00:00+02:00"), whatever the browser's own time zone. Times that do not exist
 * (the hour skipped in spring) move forward an hour, as clocks do.
 */
export function copenhagenToIso(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let offset = copenhagenOffsetMinutes(wall - 60 * 60_000);
  offset = copenhagenOffsetMinutes(wall - offset * 60_000);
  const instant = new Date(wall - offset * 60_000);
  const local = copenhagenParts(instant);
  const actual = copenhagenOffsetMinutes(instant.getTime());
  const sign = actual >= 0 ? '+' : '-';
  const abs = Math.abs(actual);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local.date}T${local.time}:00${off}`;
}

/** A time of day in Copenhagen: "14.00" (da) / "14:00" (en). */
export function formatTime(value: string | Date, locale: Locale): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE }).format(date);
}

/** A meeting's date with weekday: "torsdag 12. marts 2026" / "Thursday 12 March 2026". */
export function formatLongDate(value: string | Date, locale: Locale): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: TIME_ZONE,
  }).format(date);
}
