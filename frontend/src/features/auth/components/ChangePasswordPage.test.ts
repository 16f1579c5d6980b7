import { describe, expect, it } from 'vitest';
import { passwordSchema } from './ChangePasswordPage';

describe('passwordSchema', () => {
  it('reports every problem at once, each on its own field', () => {
    const result = passwordSchema.safeParse({ current_password: '', new_password: 'kort', repeat: 'x' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['current_password', 'form.required'],
      ['new_password', 'auth.password.tooShort'],
      ['repeat', 'auth.password.mismatch'],
    ]);
  });
  it('sends the current and the new password, not the repetition', () => {
    expect(passwordSchema.parse({ current_password: 'gammel', new_password: 'en lang ny sætning', repeat: 'en lang ny sætning' })).toEqual({
      current_password: 'gammel',
      new_password: 'en lang ny sætning',
    });
  });
});
