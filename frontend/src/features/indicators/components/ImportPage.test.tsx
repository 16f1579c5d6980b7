import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/lib/i18n';
import { ImportSummary } from './ImportPage';

const base = { dry_run: true, rows: 3, created: 1, updated: 0, unchanged: 0, approved: 0 };

describe('ImportSummary', () => {
  it('lists every error of a failed dry run row by row', () => {
    render(
      <I18nProvider locale="da">
        <ImportSummary
          summary={{
            ...base,
            valid: false,
            errors: [
              { field: 'row 3.value', message: "Række 3, kolonne value: 'abc' er ikke et tal", code: 'import.not_a_number', params: {} },
              { field: 'row 4.indicator', message: 'Række 4, kolonne indicator: din organisation er ikke ansvarlig for "tryghed"', code: 'import.not_owner', params: {} },
            ],
          }}
        />
      </I18nProvider>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Filen har 2 fejl');
    const table = within(alert).getByRole('table', { name: 'Fejl i filen, række for række' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['3', 'value', "'abc' er ikke et tal"],
      ['4', 'indicator', 'din organisation er ikke ansvarlig for "tryghed"'],
    ]);
  });

  it('says a valid dry run saved nothing yet, with the counts', () => {
    render(
      <I18nProvider locale="da">
        <ImportSummary summary={{ ...base, valid: true, errors: [] }} />
      </I18nProvider>,
    );
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Filen er i orden. Intet er gemt endnu.');
    expect(status).toHaveTextContent('Rækker3');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('reports a real import as done', () => {
    render(
      <I18nProvider locale="en">
        <ImportSummary summary={{ ...base, dry_run: false, valid: true, errors: [] }} />
      </I18nProvider>,
    );
    expect(screen.getByRole('heading', { name: 'The import is done' })).toBeInTheDocument();
  });
});
