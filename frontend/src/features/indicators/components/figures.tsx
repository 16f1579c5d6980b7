/** How a figure is written: Danish number format, its unit, and "skjult (n < 5)" for withheld values (never 0). */
import { useI18n } from '@/lib/i18n';
import type { StatusValue } from '../api';

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
