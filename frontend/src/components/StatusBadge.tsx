import { useI18n } from '@/lib/i18n';
import type { Schemas } from '@/lib/api';

export type StatusValue = Schemas['AreaStatus']['status'];
type Parts = Pick<Schemas['AreaStatus'], 'position' | 'trend'>;

const BADGE: Record<StatusValue, string> = {
  on_track: 'badge badge-success',
  at_risk: 'badge badge-warning',
  off_track: 'badge badge-error',
  no_target: 'badge badge-info',
  no_recent_data: 'badge',
  context: 'badge badge-info',
};

/**
 * A status as a word in a coloured badge (the word carries the meaning, not the colour) and, when
 * given, its two parts: where the area stands and where it is heading (backend indicators/assessment.py).
 * Indicators, goal roll-ups and the yearly report all show status with it.
 */
export function StatusBadge({ status, parts }: { status: StatusValue | null; parts?: Parts }) {
  const { t } = useI18n();
  if (!status) return <span className="badge">{t('indicators.status.none')}</span>;
  return (
    <>
      <span className={`${BADGE[status]} status-badge`} data-status={status}>
        {t(`indicators.status.${status}`)}
      </span>
      {parts && (
        <span className="status-parts meta" data-position={parts.position} data-trend={parts.trend}>
          {' '}
          {t('indicators.statusParts', {
            position: t(`indicators.position.${parts.position}`),
            trend: t(`indicators.trend.${parts.trend}`),
          })}
        </span>
      )}
    </>
  );
}
