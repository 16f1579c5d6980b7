import { describe, expect, it } from 'vitest';
import type { Goal } from '../api';
import { changesFrom, valuesOf } from './GoalEditPage';

const GOAL: Goal = {
  id: 2,
  parent_id: 1,
  code: '1a',
  title: 'Gammel titel',
  description: null,
  position: 0,
  visibility: 'public',
  version: 3,
  sub_objectives: [],
};

describe('changesFrom', () => {
  it('sends only what differs from the version being edited', () => {
    const values = { ...valuesOf(GOAL), title: 'Ny titel' };
    expect(changesFrom(GOAL, values, '')).toEqual({ title: 'Ny titel' });
  });

  it('sends an emptied description as null and adds the amendment note', () => {
    const base = { ...GOAL, description: 'Tekst' };
    const values = { ...valuesOf(base), description: '' };
    expect(changesFrom(base, values, '  Rettelse ')).toEqual({ description: null, amendment: { note: 'Rettelse' } });
  });

  it('after a conflict, diffs against the server version so "keep mine" restores my text', () => {
    const mine = { ...valuesOf(GOAL), title: 'Min titel' };
    const theirs = { ...GOAL, title: 'Deres titel', description: 'Deres tekst', version: 4 };
    expect(changesFrom(theirs, mine, '')).toEqual({ title: 'Min titel', description: null });
  });
});
