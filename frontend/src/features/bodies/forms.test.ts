import { describe, expect, it } from 'vitest';
import type { Mandate } from './api';
import { EMPTY_MANDATE, mandateChanges, mandateSchema, mandateValues, workingGroupSchema } from './forms';

const group = { name: ' Lektiehjælp ', slug: 'lektiehjaelp', purpose: ' Flere børn i lektiecaféen. ', description: '' };
const issues = (values: object) =>
  workingGroupSchema(2)
    .safeParse({ group, mandate: EMPTY_MANDATE, ...values })
    .error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('workingGroupSchema', () => {
  it('sends the group under its coordination group, and its draft with the group’s purpose when it has none', () => {
    expect(workingGroupSchema(2).parse({ group, mandate: { ...EMPTY_MANDATE, tasks: ' Kortlægge ' } })).toEqual({
      group: { name: 'Lektiehjælp', slug: 'lektiehjaelp', purpose: 'Flere børn i lektiecaféen.', description: null, kind: 'working_group', parent_id: 2 },
      mandate: { ...Object.fromEntries(Object.keys(EMPTY_MANDATE).map((f) => [f, null])), purpose: 'Flere børn i lektiecaféen.', tasks: 'Kortlægge' },
    });
  });
  it('keeps a purpose of the draft’s own', () => {
    expect(workingGroupSchema(2).parse({ group, mandate: { ...EMPTY_MANDATE, purpose: 'Eget formål' } }).mandate.purpose).toBe('Eget formål');
  });
  it('asks for the group’s name, slug and purpose, under the group', () => {
    expect(issues({ group: { ...group, name: ' ', slug: '', purpose: '' } })).toEqual([
      ['group.name', 'form.required'],
      ['group.slug', 'form.required'],
      ['group.purpose', 'form.required'],
    ]);
  });
});

describe('mandateSchema', () => {
  it('asks for a purpose', () => {
    expect(mandateSchema.safeParse(EMPTY_MANDATE).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['purpose', 'form.required']]);
  });
  it('changes of a draft are the fields that differ from the version edited', () => {
    const draft = { ...Object.fromEntries(Object.keys(EMPTY_MANDATE).map((f) => [f, null])), purpose: 'Formål', tasks: 'A' } as unknown as Mandate;
    const now = mandateSchema.parse({ ...mandateValues(draft), tasks: '', duration: ' 1 år ' });
    expect(mandateChanges(draft, now)).toEqual({ tasks: null, duration: '1 år' });
  });
});
