/**
 * The one place that maps the API's indicator status to what the overview's goal cards show.
 *
 * Today the API gives each indicator, per area, one `status` (on_track / off_track / no_recent_data /
 * context), the `rule` that decided it and the legal `thresholds` the latest value crosses. The cards
 * speak in two dimensions (where it stands: at target, beyond a legal threshold; where it heads:
 * improving, worsening; or no recent data). When the status rule itself becomes two-dimensional
 * (position against target/threshold, and trend), only `standingsOf` changes.
 */
import type { Schemas } from '@/lib/api';

type IndicatorStatus = Schemas['IndicatorStatus'];
type AreaStatus = Schemas['AreaStatus'];

export const MEASURED_AREA = 'hoeje-gladsaxe';

/** What a card counts; an indicator may be in two (worsening and beyond a threshold). */
export type Standing = 'atTarget' | 'improving' | 'worsening' | 'beyondThreshold' | 'noRecentData';
export const STANDINGS: Standing[] = ['atTarget', 'improving', 'worsening', 'beyondThreshold', 'noRecentData'];

const IMPROVING = new Set(['improving', 'improving-toward-target', 'better-than-baseline']);
const WORSENING = new Set(['worsening', 'not-improving-toward-target', 'worse-than-baseline']);

/** The standings of one indicator's measured area. */
export function standingsOf(area: AreaStatus | undefined): Standing[] {
  if (!area || area.status === 'no_recent_data') return ['noRecentData'];
  const out: Standing[] = [];
  if (area.rule === 'target-met') out.push('atTarget');
  if (IMPROVING.has(area.rule)) out.push('improving');
  if (WORSENING.has(area.rule)) out.push('worsening');
  if (area.thresholds.some((t) => t.crossed)) out.push('beyondThreshold');
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
