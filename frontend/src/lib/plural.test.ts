import { describe, expect, it } from 'vitest';
import { da } from '@/locales/da';
import { en } from '@/locales/en';
import { translate } from './i18n';
import { applyPlurals, placeholderNames, plural } from './plural';

describe('plural', () => {
  it('chooses the form by the language’s own rules', () => {
    const forms = { one: 'indsats', other: 'indsatser' };
    expect(plural('da', 1, forms)).toBe('indsats');
    expect(plural('da', 0, forms)).toBe('indsatser');
    expect(plural('da', 2, forms)).toBe('indsatser');
  });
  it('falls back to the other form when a category has none', () => {
    expect(plural('en', 1, { other: 'sheep' })).toBe('sheep');
  });
});

describe('plural messages', () => {
  it('say "1 indsats" and "2 indsatser"', () => {
    expect(translate('da', 'initiatives.count', { total: 1 })).toBe('1 indsats');
    expect(translate('da', 'initiatives.count', { total: 2 })).toBe('2 indsatser');
    expect(translate('en', 'initiatives.count', { total: 1 })).toBe('1 initiative');
    expect(translate('en', 'initiatives.count', { total: 0 })).toBe('0 initiatives');
  });
  it('agree adjectives too, and keep the simple placeholders around them', () => {
    expect(translate('da', 'overview.actionsCount', { count: 1, overdue: 0 })).toBe('1 åben, heraf 0 over fristen.');
    expect(translate('da', 'coverage.activeCount', { count: 1 })).toBe('1 aktiv indsats');
    expect(translate('da', 'coverage.activeCount', { count: 3 })).toBe('3 aktive indsatser');
  });
  it('choose each count’s form on its own', () => {
    expect(translate('da', 'reports.figures.initiatives', { count: 2, stories: 1 })).toBe('2 indsatser og 1 god historie under målet.');
  });
  it('write the number in the language’s format', () => {
    expect(translate('da', 'initiatives.count', { total: 1234 })).toBe('1.234 indsatser');
  });
  it('stay visible when the count is missing', () => {
    const block = '{total, plural, one {# indsats} other {# indsatser}}';
    expect(applyPlurals(block, 'da', {})).toBe(block);
  });
});

describe('catalogues', () => {
  it('take the same arguments, plural ones included, in Danish and English', () => {
    for (const key of Object.keys(da) as (keyof typeof da)[]) {
      expect([key, placeholderNames(en[key])]).toEqual([key, placeholderNames(da[key])]);
    }
  });
  it('write every plural block so it parses', () => {
    for (const text of [...Object.values(da), ...Object.values(en)]) {
      const params = Object.fromEntries(placeholderNames(text).map((name) => [name, 2]));
      expect(applyPlurals(text, 'da', params)).not.toContain(', plural,');
    }
  });
});
