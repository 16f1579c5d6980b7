import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/lib/i18n';
import { useFigure, useSigned } from './figures';

const wrap = (locale: 'da' | 'en') =>
  function W({ children }: { children: ReactNode }) {
    return <I18nProvider locale={locale}>{children}</I18nProvider>;
  };

describe('useFigure', () => {
  it('writes Danish figures with the indicator decimals and unit', () => {
    const { result } = renderHook(() => useFigure(), { wrapper: wrap('da') });
    expect(result.current(50, { decimals: 1, unit: '%' })).toBe('50,0 %');
    expect(result.current(1234.56, { decimals: 1, unit: '' })).toBe('1.234,6');
  });
  it('shows a withheld value as hidden, never as 0', () => {
    const { result } = renderHook(() => useFigure(), { wrapper: wrap('da') });
    expect(result.current(null, { withheld: true, minN: 5 })).toBe('skjult (n < 5)');
    expect(result.current(null)).toBe('mangler');
  });
  it('writes English figures the English way', () => {
    const { result } = renderHook(() => useFigure(), { wrapper: wrap('en') });
    expect(result.current(52.4, { decimals: 1, unit: '%' })).toBe('52.4%');
  });
});

describe('useSigned', () => {
  it('signs changes with a real minus', () => {
    const { result } = renderHook(() => useSigned(), { wrapper: wrap('da') });
    expect(result.current(2.4)).toBe('+2,4');
    expect(result.current(-6)).toBe('−6,0');
  });
});
