/**
 * The one place that maps the API's indicator status to what the overview's goal cards show.
 *
 * The API assesses each indicator's area in two dimensions (backend indicators/assessment.py):
 * `position` (threshold crossed, target met, toward target, …) and `trend` over the last three
 * periods (improving, stable, worsening, …), and gives a verdict `status`. The cards count where an
 * indicator stands (at target, beyond a legal threshold), where it heads (improving, worsening), or
 * that it has no recent data; one indicator can count twice (worsening and beyond a threshold).
 */
import type { Schemas } from '@/lib/api';

type IndicatorStatus = Schemas['IndicatorStatus'];
type AreaStatus = Schemas['AreaStatus'];

export const MEASURED_AREA = 'hoeje-gladsaxe';

/** What a card counts; an indicator may be in two (worsening and beyond a threshold). */
export type Standing = 'atTarget' | 'improving' | 'worsening' | 'beyondThreshold' | 'noRecentData';
export const STANDINGS: Standing[] = ['atTarget', 'improving', 'worsening', 'beyondThreshold', 'noRecentData'];

/** The standings of one indicator's measured area. */
export function standingsOf(area: AreaStatus | undefined): Standing[] {
  if (!area || area.status === 'no_recent_data' || area.stale) return ['noRecentData'];
  const out: Standing[] = [];
  if (area.position === 'target_met') out.push('atTarget');
  if (area.trend === 'improving') out.push('improving');
  if (area.trend === 'worsening') out.push('worsening');
  if (area.position === 'threshold_crossed') out.push('beyondThreshold');
  return out;
}

export function measuredArea(status: IndicatorStatus | undefined): AreaStatus | undefined {
  return status?.areas.find((a) => a.area === MEASURED_AREA);
}

export interface RolledIndicator {
  code: string;
  standings: Standing[];
  area: AreaStatus | undefined;
}

export interface GoalRollup {
  counts: Record<Standing, number>;
  indicators: RolledIndicator[];
}

/** A goal's indicators (itself and its sub-objectives; each indicator once) rolled up by standing. */
export function rollUp(goalCodes: string[], indicators: { code: string; goals: string[] }[], statuses: IndicatorStatus[]): GoalRollup {
  const codes = new Set(goalCodes);
  const byCode = new Map(statuses.map((s) => [s.indicator, s]));
  const counts = Object.fromEntries(STANDINGS.map((s) => [s, 0])) as Record<Standing, number>;
  const rolled: RolledIndicator[] = [];
  for (const indicator of indicators) {
    if (!indicator.goals.some((g) => codes.has(g))) continue;
    const status = byCode.get(indicator.code);
    if (status?.direction === 'context') continue; // context indicators have no better direction
    const area = measuredArea(status);
    const standings = standingsOf(area);
    for (const s of standings) counts[s] += 1;
    rolled.push({ code: indicator.code, standings, area });
  }
  return { counts, indicators: rolled };
}
