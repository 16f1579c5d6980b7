/** How a figure is written: Danish number format, its unit, and "skjult (n < 5)" for withheld values (never 0). */
import { INTL_LOCALE } from '@/lib/format';
import { useI18n } from '@/lib/i18n';

export interface FigureOptions {
  decimals?: number;
  unit?: string;
  withheld?: boolean;
  minN?: number;
}

export function useFigure() {
  const { locale, t } = useI18n();
  const number = (v: number, d: number) => fixed(v, locale, d);
  return (value: number | null | undefined, { decimals = 1, unit = '', withheld = false, minN = 5 }: FigureOptions = {}) => {
    if (withheld) return t('indicators.withheld', { min: minN });
    if (value === null || value === undefined) return t('indicators.missing');
    const n = number(value, decimals);
    if (!unit) return n;
    return locale === 'en' && unit === '%' ? `${n}%` : `${n} ${unit}`;
  };
}

/** A figure with exactly the indicator's decimals ("50,0" not "50"). */
export function fixed(value: number, locale: 'da' | 'en', decimals: number): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** A signed change, e.g. "+2,4" or "−1,0". */
export function useSigned() {
  const { locale } = useI18n();
  return (value: number, decimals = 1) =>
    value > 0 ? `+${fixed(value, locale, decimals)}` : fixed(value, locale, decimals).replace('-', '−');
}
