import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { da } from '@/locales/da';
import { en } from '@/locales/en';
import { I18nProvider, translate, useI18n } from './i18n';

describe('catalogues', () => {
  it('have the same keys in Danish and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
  });
  it('use the same placeholders in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(da) as (keyof typeof da)[]) {
      expect([key, names(en[key])]).toEqual([key, names(da[key])]);
    }
  });
});

describe('translate', () => {
  it('fills in parameters', () => {
    expect(translate('da', 'goals.code', { code: '2e' })).toBe('Mål 2e');
    expect(translate('en', 'goals.code', { code: '2e' })).toBe('Goal 2e');
  });
  it('leaves unknown placeholders visible', () => {
    expect(translate('da', 'goals.code')).toBe('Mål {code}');
  });
});

function Probe() {
  const { t, locale, setLocale, number, date } = useI18n();
  return (
    <div>
      <p>{t('nav.goals')}</p>
      <p>{number(1234.5)}</p>
      <p>{date('2026-12-01')}</p>
      <button onClick={() => setLocale(locale === 'da' ? 'en' : 'da')}>switch</button>
    </div>
  );
}

describe('I18nProvider', () => {
  it('is Danish by default and switches to English, formats included', async () => {
    localStorage.clear();
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByText('Mål')).toBeInTheDocument();
    expect(screen.getByText('1.234,5')).toBeInTheDocument();
    expect(screen.getByText('1. december 2026')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('da');
    await userEvent.click(screen.getByRole('button', { name: 'switch' }));
    expect(screen.getByText('Goals')).toBeInTheDocument();
    expect(screen.getByText('1,234.5')).toBeInTheDocument();
    expect(screen.getByText('1 December 2026')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('sammen.locale')).toBe('en');
  });
});
