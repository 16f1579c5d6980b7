import { describe, expect, it } from 'vitest';
import { actionItemSchema, OTHER_OWNER } from './recordSchemas';

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
