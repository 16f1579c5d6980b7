/** Message catalogues (src/locales), the current language, and locale-aware formatters. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { da, type MessageKey } from '@/locales/da';
import { en } from '@/locales/en';
import { formatDate, formatDateTime, formatNumber, formatPercent, type Locale } from '@/lib/format';
import { applyPlurals } from '@/lib/plural';
import { setRequestLanguage } from '@/lib/session';

export type { MessageKey };
export type Params = Record<string, string | number>;

const catalogues: Record<Locale, Record<MessageKey, string>> = { da, en };
const STORAGE_KEY = 'sammen.locale';

/** Whether a text key exists (for keys built from data, e.g. a link kind the API added later). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(da, key);
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = catalogues[locale][key] ?? da[key] ?? key;
  if (!params) return template;
  return applyPlurals(template, locale, params).replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Params) => string;
  number: (value: number, maximumFractionDigits?: number) => string;
  percent: (share: number, maximumFractionDigits?: number) => string;
  date: (value: string | Date) => string;
  dateTime: (value: string | Date) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'da';
  } catch {
    return 'da';
  }
}

export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(fixed ?? initialLocale);
  // Before children render and fetch: the API answers problem details in the UI's language.
  setRequestLanguage(locale);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      number: (v, d) => formatNumber(v, locale, d),
      percent: (v, d) => formatPercent(v, locale, d),
      date: (v) => formatDate(v, locale),
      dateTime: (v) => formatDateTime(v, locale),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}

export function useT(): I18n['t'] {
  return useI18n().t;
}
