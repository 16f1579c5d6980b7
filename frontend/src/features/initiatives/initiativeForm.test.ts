import { describe, expect, it } from 'vitest';
import { changesFrom, EMPTY, initiativeSchema, valuesOf } from './initiativeForm';
import type { Initiative } from './api';

const issue = (values: object) => initiativeSchema.safeParse({ ...EMPTY, ...values }).error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('initiativeSchema', () => {
  it('turns the typed values into the body the API takes', () => {
    const body = initiativeSchema.parse({ ...EMPTY, title: '  Lektiehjælp ', lead: 'aab', tags: 'voksne, læring, voksne', budget_dkk: '125.000', starts_on: '2026-01-15' });
    expect(body).toMatchObject({ title: 'Lektiehjælp', summary: null, tags: ['voksne', 'læring'], budget_dkk: 125000, starts_on: '2026-01-15', ends_on: null });
  });
  it('asks for a title, naming the message by its key', () => {
    expect(issue({ title: '   ' })).toEqual([['title', 'form.required']]);
  });
  it('refuses a budget that is not a whole number of kroner', () => {
    expect(issue({ title: 'x', budget_dkk: '12,5' })).toEqual([['budget_dkk', 'observations.enter.invalidNumber']]);
  });
});

describe('changesFrom', () => {
  it('sends only what differs from the version being edited', () => {
    const base = {
      ...initiativeSchema.parse({ ...EMPTY, title: 'Gammel', lead: 'aab' }),
      id: 1, version: 3, partners: [], goals: [], levels: [], tags: [], indicators: [],
    } as unknown as Initiative;
    const now = initiativeSchema.parse({ ...valuesOf(base), title: 'Ny', budget_dkk: '10 000' });
    expect(changesFrom(base, now)).toEqual({ title: 'Ny', budget_dkk: 10000 });
  });
});
