import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filtersFromSearch, filtersToQuery, filtersToSearch } from './filters';

describe('filters ⇄ URL', () => {
  it('leaves defaults out of the URL', () => {
    expect(filtersToSearch(EMPTY_FILTERS).toString()).toBe('');
    expect(filtersFromSearch(new URLSearchParams(''))).toEqual(EMPTY_FILTERS);
  });

  it('round-trips every filter, lists as repeated keys', () => {
    const f = {
      ...EMPTY_FILTERS,
      q: 'lektier',
      goal: '3a',
      organisation: 'aab',
      tag: 'børn',
      updatedSince: '2025-01-01',
      status: ['active', 'planned'] as const,
      phase: [1, 2],
      level: ['individ'] as const,
      sort: 'title',
      offset: 20,
    };
    const search = filtersToSearch({ ...f, status: [...f.status], level: [...f.level] });
    expect(search.getAll('status')).toEqual(['active', 'planned']);
    expect(search.toString()).toContain('tag=b%C3%B8rn');
    expect(filtersFromSearch(search)).toEqual({ ...f, status: ['active', 'planned'], level: ['individ'] });
  });

  it('accepts comma-separated lists and drops what the API would refuse', () => {
    const f = filtersFromSearch(new URLSearchParams('status=active,bogus&phase=2,x,1&level=kvarter&sort=drop table&offset=-5&updated_since=igår'));
    expect(f.status).toEqual(['active']);
    expect(f.phase).toEqual([1, 2]);
    expect(f.level).toEqual(['kvarter']);
    expect(f.sort).toBe('-updated_at');
    expect(f.offset).toBe(0);
    expect(f.updatedSince).toBe('');
  });

  it('maps to the API query: empty filters left out, the date as an instant', () => {
    const q = filtersToQuery({ ...EMPTY_FILTERS, status: ['active'], updatedSince: '2025-03-01' }, 20);
    expect(q).toEqual({
      q: undefined,
      goal: undefined,
      organisation: undefined,
      tag: undefined,
      updated_since: '2025-03-01T00:00:00Z',
      status: ['active'],
      phase: undefined,
      level: undefined,
      sort: '-updated_at',
      limit: 20,
      offset: 0,
    });
  });
});
