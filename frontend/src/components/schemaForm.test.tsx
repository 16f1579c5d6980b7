import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { I18nProvider } from '@/lib/i18n';
import { ProblemError } from '@/lib/problem';
import { ErrorSummary, TextField } from './form';
import { flatErrors, useSchemaForm } from './schemaForm';

const schema = z.object({ title: z.string().trim().min(1, 'form.required') });

function Probe({ server }: { server?: ProblemError }) {
  const form = useSchemaForm(schema, { title: '' });
  const submit = form.submitWith(async () => {
    if (server) form.errors.fail(server);
  });
  return (
    <form onSubmit={submit} noValidate>
      <div ref={form.errors.summaryRef}>
        <ErrorSummary errors={form.errors.errors} fieldIds={{ title: 'title' }} message={form.errors.message} />
      </div>
      <TextField id="title" label="Titel" {...form.register('title')} error={form.errors.errors.title} />
      <button type="submit">Gem</button>
    </form>
  );
}

const show = (server?: ProblemError) =>
  render(
    <I18nProvider locale="da">
      <Probe server={server} />
    </I18nProvider>,
  );

describe('useSchemaForm', () => {
  it("shows the schema's message, in Danish, on its field and in the summary", async () => {
    show();
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(await screen.findByRole('link', { name: 'Udfyld feltet' })).toHaveAttribute('href', '#title');
    expect(screen.getByLabelText('Titel')).toHaveAttribute('aria-invalid', 'true');
  });
  it("puts the server's problem+json field error on the field it names", async () => {
    const problem = new ProblemError({
      type: 'about:blank',
      title: 'Ugyldige data',
      status: 422,
      errors: [{ field: 'body.title', message: 'Højst 300 tegn', code: 'too_long', params: {} }],
    });
    show(problem);
    await userEvent.type(screen.getByLabelText('Titel'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));
    expect(await screen.findByRole('link', { name: 'Højst 300 tegn' })).toBeInTheDocument();
    expect(screen.getByLabelText('Titel')).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('flatErrors', () => {
  it('names nested errors by their path and translates message keys', () => {
    const t = (key: string) => (key === 'form.required' ? 'Udfyld feltet' : key);
    const errors = { items: [undefined, { period: { type: 'too_small', message: 'form.required' } }] };
    expect(flatErrors(errors as never, t)).toEqual({ 'items.1.period': 'Udfyld feltet' });
  });
});
