/**
 * The initiative list's filters, kept in the URL so a filtered list can be linked, reloaded and
 * reached with the back button. Defaults are left out of the URL; the API gets the same filters.
 */
import type { Schemas } from '@/lib/api';

type Status = Schemas['InitiativeStatus'];
type Level = Schemas['Level'];

export const PAGE_SIZE = 20;
export const DEFAULT_SORT = '-updated_at';
export const SORTS = ['-updated_at', 'title', 'starts_on', '-starts_on', 'phase', 'status'] as const;

const STATUS_SET: ReadonlySet<string> = new Set(['idea', 'planned', 'active', 'paused', 'completed', 'stopped']);
const LEVEL_SET: ReadonlySet<string> = new Set(['individ', 'boligomraade', 'kvarter']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface InitiativeFilters {
  q: string;
  goal: string;
  organisation: string;
  tag: string;
  /** A calendar date (YYYY-MM-DD) */
  updatedSince: string;
  status: Status[];
  phase: number[];
  level: Level[];
  sort: string;
  offset: number;
}

export const EMPTY_FILTERS: InitiativeFilters = {
  q: '',
  goal: '',
  organisation: '',
  tag: '',
  updatedSince: '',
  status: [],
  phase: [],
  level: [],
  sort: DEFAULT_SORT,
  offset: 0,
};

/** Read the filters from a URL's query; unknown or malformed values are dropped. */
export function filtersFromSearch(params: URLSearchParams): InitiativeFilters {
  const list = (name: string) => params.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const offset = Number(params.get('offset') ?? 0);
  const sort = params.get('sort') ?? DEFAULT_SORT;
  const since = params.get('updated_since') ?? '';
  return {
    q: params.get('q') ?? '',
    goal: params.get('goal') ?? '',
    organisation: params.get('organisation') ?? '',
    tag: params.get('tag') ?? '',
    updatedSince: DATE.test(since) ? since : '',
    status: [...new Set(list('status').filter((s) => STATUS_SET.has(s)))] as Status[],
    phase: [...new Set(list('phase').filter((p) => /^\d{1,2}$/.test(p)).map(Number))].sort((a, b) => a - b),
    level: [...new Set(list('level').filter((l) => LEVEL_SET.has(l)))] as Level[],
    sort: (SORTS as readonly string[]).includes(sort) ? sort : DEFAULT_SORT,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The URL query for the filters: only what differs from the defaults, lists as repeated keys. */
export function filtersToSearch(f: InitiativeFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.goal) p.set('goal', f.goal);
  if (f.organisation) p.set('organisation', f.organisation);
  if (f.tag.trim()) p.set('tag', f.tag.trim());
  if (f.updatedSince) p.set('updated_since', f.updatedSince);
  for (const s of f.status) p.append('status', s);
  for (const n of f.phase) p.append('phase', String(n));
  for (const l of f.level) p.append('level', l);
  if (f.sort !== DEFAULT_SORT) p.set('sort', f.sort);
  if (f.offset > 0) p.set('offset', String(f.offset));
  return p;
}

/** The API's query parameters for GET /initiatives. */
export function filtersToQuery(f: InitiativeFilters, limit: number) {
  return {
    q: f.q.trim() || undefined,
    goal: f.goal || undefined,
    organisation: f.organisation || undefined,
    tag: f.tag.trim() || undefined,
    // A date means "since the start of that day" in Copenhagen; midnight UTC is close enough for a filter.
    updated_since: f.updatedSince ? `${f.updatedSince}T00:00:00Z` : undefined,
    status: f.status.length ? f.status : undefined,
    phase: f.phase.length ? f.phase : undefined,
    level: f.level.length ? f.level : undefined,
    sort: f.sort,
    limit,
    offset: f.offset,
  };
}
