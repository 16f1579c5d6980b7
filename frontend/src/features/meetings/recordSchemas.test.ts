import { describe, expect, it } from 'vitest';
import { actionItemDoneSchema, actionItemSchema, decisionCorrectionSchema, minutesRevisionSchema, minutesSchema, OTHER_OWNER } from './recordSchemas';

const blank = { title: 'Indkald', owner_user_id: '7', owner_name: '', organisation_id: '', due_on: '', description: '' };
const issues = (values: object) =>
  actionItemSchema(3, 4)
    .safeParse({ ...blank, ...values })
    .error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('actionItemSchema', () => {
  it('sends a member owner by user id, with the meeting and the agenda item', () => {
    expect(actionItemSchema(3, 4).parse({ ...blank, title: ' Indkald ', organisation_id: '2', due_on: '2026-12-01' })).toEqual({
      title: 'Indkald',
      owner_user_id: 7,
      owner_name: null,
      organisation_id: 2,
      due_on: '2026-12-01',
      description: null,
      meeting_id: 3,
      agenda_item_id: 4,
    });
  });
  it('sends an owner without an account by name', () => {
    expect(actionItemSchema(3, 4).parse({ ...blank, owner_user_id: OTHER_OWNER, owner_name: ' Ida ' })).toMatchObject({ owner_user_id: null, owner_name: 'Ida' });
  });
  it('asks for a title, an owner and the name of an owner without an account, all at once', () => {
    expect(issues({ title: ' ', owner_user_id: '' })).toEqual([
      ['title', 'form.required'],
      ['owner_user_id', 'form.required'],
    ]);
    expect(issues({ title: '', owner_user_id: OTHER_OWNER, owner_name: ' ' })).toEqual([
      ['title', 'form.required'],
      ['owner_name', 'form.required'],
    ]);
  });
});

describe('actionItemDoneSchema', () => {
  it('closes the item as done with the note trimmed, and no note when left empty', () => {
    expect(actionItemDoneSchema.parse({ completion_note: ' Indkaldt 3. marts ' })).toEqual({ status: 'done', completion_note: 'Indkaldt 3. marts' });
    expect(actionItemDoneSchema.parse({ completion_note: ' ' })).toEqual({ status: 'done', completion_note: null });
  });
});

describe('minutesSchema', () => {
  it('sends the Markdown as written, for the form’s agenda item', () => {
    expect(minutesSchema(4).parse({ text: '  **Godkendt**\n', restricted: true })).toEqual({ agenda_item_id: 4, text: '  **Godkendt**\n', restricted: true });
  });
  it('asks for a text that is more than blanks', () => {
    expect(minutesSchema(4).safeParse({ text: ' \n ', restricted: false }).error?.issues.map((i) => i.message)).toEqual(['form.required']);
  });
});

describe('minutesRevisionSchema', () => {
  const issues = (values: object) =>
    minutesRevisionSchema('Gammel tekst')
      .safeParse(values)
      .error?.issues.map((i) => [i.path.join('.'), i.message]);
  it('sends the changed text and the reason trimmed', () => {
    expect(minutesRevisionSchema('Gammel tekst').parse({ text: 'Ny tekst', reason: ' Stavefejl ' })).toEqual({ text: 'Ny tekst', reason: 'Stavefejl' });
  });
  it('refuses an unchanged text, and asks for a text and a reason', () => {
    expect(issues({ text: 'Gammel tekst', reason: '' })).toEqual([
      ['text', 'minutes.unchanged'],
      ['reason', 'form.required'],
    ]);
    expect(issues({ text: ' ', reason: 'x' })).toEqual([['text', 'form.required']]);
  });
});

describe('decisionCorrectionSchema', () => {
  it('sends the text and reason trimmed, and an empty title as unchanged', () => {
    expect(decisionCorrectionSchema.parse({ title: ' ', text: ' Bevilget 50.000 kr. ', reason: ' Beløbet var forkert ' })).toEqual({
      title: null,
      text: 'Bevilget 50.000 kr.',
      reason: 'Beløbet var forkert',
    });
  });
  it('asks for the text and the reason', () => {
    expect(decisionCorrectionSchema.safeParse({ title: 'Bevilling', text: ' ', reason: '' }).error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['text', 'form.required'],
      ['reason', 'form.required'],
    ]);
  });
});
