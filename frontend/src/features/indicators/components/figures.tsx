/** How a figure is written: Danish number format, its unit, and "skjult (n < 5)" for withheld values (never 0). */
import { CONTENT_LANG } from '@/components/RichText';
import { useI18n } from '@/lib/i18n';
import type { AreaStatus } from '../api';

export { fixed, useFigure, useSigned, type FigureOptions } from '@/lib/figures';
export { StatusBadge } from '@/components/StatusBadge';

/** The verdict and its reasons as the API writes them (Danish: the rule is written out in the content language). */
export function Explanation({ status }: { status: AreaStatus }) {
  const { t } = useI18n();
  return (
    <>
      <span className="sr-only">{t('indicators.explanationLabel')}: </span>
      <span lang={CONTENT_LANG}>{status.explanation}</span>
    </>
  );
}
