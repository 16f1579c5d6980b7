/** How a figure is written: Danish number format, its unit, and "skjult (n < 5)" for withheld values (never 0). */
import { useFigure, useSigned, type FigureOptions } from '@/lib/figures';
import { useI18n, type MessageKey } from '@/lib/i18n';
import type { AreaStatus, StatusValue } from '../api';

export { fixed, useFigure, useSigned, type FigureOptions } from '@/lib/figures';

const BADGE: Record<StatusValue, string> = {
  on_track: 'badge badge-success',
  off_track: 'badge badge-error',
  no_recent_data: 'badge badge-warning',
  context: 'badge badge-info',
};

/** The status as a word in a coloured badge (the word carries the meaning, not the colour). */
export function StatusBadge({ status }: { status: StatusValue | null }) {
  const { t } = useI18n();
  if (!status) return <span className="badge">{t('indicators.status.none')}</span>;
  return (
    <span className={`${BADGE[status]} status-badge`} data-status={status}>
      {t(`indicators.status.${status}`)}
    </span>
  );
}

const RULES = new Set([
  'no-data',
  'stale',
  'context-indicator',
  'target-met',
  'improving-toward-target',
  'not-improving-toward-target',
  'target-not-met',
  'improving',
  'stable',
  'worsening',
  'better-than-baseline',
  'worse-than-baseline',
  'no-comparable-previous',
]);

/** The rule that decided the status, in the reader's language (the API's English text for an unknown rule). */
export function Explanation({ status, fmt }: { status: AreaStatus; fmt: FigureOptions }) {
  const { t } = useI18n();
  const figure = useFigure();
  const signed = useSigned();
  if (!RULES.has(status.rule)) return <span lang="en">{status.explanation}</span>;
  return (
    <>
      {t(`indicators.rule.${status.rule}` as MessageKey, {
        period: status.period ?? '',
        value: figure(status.value, fmt),
        target: status.target === null ? '' : figure(status.target, fmt),
        change: status.change_since_previous === null ? '' : signed(status.change_since_previous, fmt.decimals),
        delta: status.change_since_baseline === null ? '' : signed(status.change_since_baseline, fmt.decimals),
      })}
    </>
  );
}
