import { describe, expect, it } from 'vitest';
import type { Mandate } from './api';
import { approveMandateSchema, dissolveSchema, EMPTY_MANDATE, mandateChanges, mandateSchema, mandateValues, memberSchema, setUpSchema, workingGroupSchema, type MemberValues } from './forms';

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

describe('memberSchema', () => {
  const blank: MemberValues = {
    kind: 'user',
    user_id: '5',
    person_name: 'Ignored',
    person_organisation: 'Ignored',
    email: 'ignored@example.org',
    organisation_id: '',
    seat_code: '',
    role: 'member',
    from_date: '2026-12-01',
    to_date: '',
  };
  it('sends a user by id, and nothing of an external participant', () => {
    expect(memberSchema.parse(blank)).toEqual({
      user_id: 5,
      person_name: null,
      person_organisation: null,
      email: null,
      organisation_id: null,
      seat_code: null,
      role: 'member',
      from_date: '2026-12-01',
      to_date: null,
    });
  });
  it('sends an external participant by name, with affiliation and email', () => {
    expect(memberSchema.parse({ ...blank, kind: 'external', person_name: ' Peter ', person_organisation: ' Kirken ', email: '' })).toMatchObject({
      user_id: null,
      person_name: 'Peter',
      person_organisation: 'Kirken',
      email: null,
    });
  });
  it('asks for the user, or the external participant’s name, and the start of the term', () => {
    const issues = (values: Partial<MemberValues>) => memberSchema.safeParse({ ...blank, ...values }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ user_id: '', from_date: '' })).toEqual([
      ['user_id', 'form.required'],
      ['from_date', 'form.required'],
    ]);
    expect(issues({ kind: 'external', person_name: ' ' })).toEqual([['person_name', 'form.required']]);
  });
});

describe('approveMandateSchema', () => {
  it('names the approving decision by id, and asks for one', () => {
    expect(approveMandateSchema.parse({ decision_id: '9' })).toEqual({ decision_id: 9 });
    expect(approveMandateSchema.safeParse({ decision_id: '' }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['decision_id', 'form.required']]);
  });
});

describe('setUpSchema', () => {
  it('sends the date, and the decision by id or none', () => {
    expect(setUpSchema.parse({ set_up_on: '2026-12-01', decision_id: '4' })).toEqual({ set_up_on: '2026-12-01', decision_id: 4 });
    expect(setUpSchema.parse({ set_up_on: '2026-12-01', decision_id: '' })).toEqual({ set_up_on: '2026-12-01', decision_id: null });
  });
  it('asks for the date', () => {
    expect(setUpSchema.safeParse({ set_up_on: '', decision_id: '' }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['set_up_on', 'form.required']]);
  });
});

describe('dissolveSchema', () => {
  it('sends the reason and final summary trimmed, and the decision by id or none', () => {
    expect(dissolveSchema.parse({ dissolved_on: '2026-12-01', reason: ' Formålet er nået ', final_summary: ' Opsamling ', decision_id: '' })).toEqual({
      dissolved_on: '2026-12-01',
      reason: 'Formålet er nået',
      final_summary: 'Opsamling',
      decision_id: null,
    });
  });
  it('asks for the date, the reason and the final summary', () => {
    expect(dissolveSchema.safeParse({ dissolved_on: '', reason: ' ', final_summary: '', decision_id: '7' }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['dissolved_on', 'form.required'],
      ['reason', 'form.required'],
      ['final_summary', 'form.required'],
    ]);
  });
});
