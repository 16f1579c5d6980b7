/** The month calendar's arithmetic: weeks of Copenhagen days (Monday first) and which meetings fall on each. */
import { copenhagenParts, copenhagenToIso } from '@/lib/format';

export interface Month {
  year: number;
  month: number; // 1-12
}

export function parseMonth(raw: string | null, today: Date = new Date()): Month {
  const m = raw ? /^(\d{4})-(\d{2})$/.exec(raw) : null;
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { year: Number(m[1]), month: Number(m[2]) };
  const p = copenhagenParts(today);
  return { year: p.year, month: p.month };
}

export function monthKey({ year, month }: Month): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function addMonths({ year, month }: Month, n: number): Month {
  const index = year * 12 + (month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The month's first and the next month's first moment, in Copenhagen, as RFC 3339 (for the API). */
export function monthRange(m: Month): { from: string; before: string } {
  const next = addMonths(m, 1);
  return { from: copenhagenToIso(`${monthKey(m)}-01`, '00:00'), before: copenhagenToIso(`${monthKey(next)}-01`, '00:00') };
}

function daysIn({ year, month }: Month): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Weeks (Monday to Sunday) of dates "YYYY-MM-DD" covering the month; days outside it are null. */
export function monthWeeks(m: Month): (string | null)[][] {
  const firstWeekday = (new Date(Date.UTC(m.year, m.month - 1, 1)).getUTCDay() + 6) % 7; // Monday = 0
  const cells: (string | null)[] = Array.from({ length: firstWeekday }, () => null);
  for (let d = 1; d <= daysIn(m); d++) cells.push(`${monthKey(m)}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Meetings by their Copenhagen start date, each day in time order. */
export function byDay<T extends { starts_at: string }>(meetings: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const m of [...meetings].sort((a, b) => a.starts_at.localeCompare(b.starts_at))) {
    const day = copenhagenParts(m.starts_at).date;
    out.set(day, [...(out.get(day) ?? []), m]);
  }
  return out;
}
