import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatPercent } from './format';

const NBSP = /[\u00a0\u202f]/g;
const plain = (s: string) => s.replace(NBSP, ' ');

describe('formatNumber', () => {
  it('uses Danish separators', () => {
    expect(formatNumber(1234.5, 'da')).toBe('1.234,5');
    expect(formatNumber(1234567, 'da')).toBe('1.234.567');
  });
  it('uses English separators', () => {
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
  });
  it('rounds to the given fraction digits', () => {
    expect(formatNumber(2.3456, 'da', 1)).toBe('2,3');
  });
});

describe('formatPercent', () => {
  it('writes a Danish percentage with a space before the sign', () => {
    expect(plain(formatPercent(0.15, 'da'))).toBe('15 %');
    expect(plain(formatPercent(0.125, 'da'))).toBe('12,5 %');
  });
  it('writes an English percentage', () => {
    expect(formatPercent(0.15, 'en')).toBe('15%');
  });
});

describe('formatDate', () => {
  it('writes a calendar date the Danish way', () => {
    expect(formatDate('2026-12-01', 'da')).toBe('1. december 2026');
  });
  it('writes a calendar date the British way', () => {
    expect(formatDate('2026-12-01', 'en')).toBe('1 December 2026');
  });
  it('never shifts a calendar date by the time zone', () => {
    expect(formatDate('2030-12-31', 'da')).toBe('31. december 2030');
    expect(formatDate('2018-01-01', 'da')).toBe('1. januar 2018');
  });
  it('shows an instant in Copenhagen time', () => {
    // 23:30 UTC on 30 November is already 1 December in Copenhagen (UTC+1).
    expect(formatDate('2026-11-30T23:30:00Z', 'da')).toBe('1. december 2026');
    expect(plain(formatDateTime('2026-11-30T23:30:00Z', 'da'))).toMatch(/^1\. december 2026.*00[.:]30$/);
  });
});

describe('copenhagenToIso', () => {
  it('gives winter times the +01:00 offset and summer times +02:00', async () => {
    const { copenhagenToIso } = await import('./format');
    expect(copenhagenToIso('2026-01-15', '14:00')).toBe('2026-01-15T14:00:00+01:00');
    expect(copenhagenToIso('2026-06-15', '09:30')).toBe('2026-06-15T09:30:00+02:00');
  });
  it('moves a time skipped by the spring change forward an hour', async () => {
    const { copenhagenToIso } = await import('./format');
    expect(copenhagenToIso('2026-03-29', '02:30')).toBe('2026-03-29T03:30:00+02:00');
  });
  it('reads back the same wall-clock time', async () => {
    const { copenhagenParts, copenhagenToIso } = await import('./format');
    const iso = copenhagenToIso('2026-10-25', '14:15');
    expect(copenhagenParts(iso)).toMatchObject({ date: '2026-10-25', time: '14:15', weekday: 6 });
  });
});
