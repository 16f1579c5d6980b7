import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '@/lib/i18n';
import { Breadcrumbs } from './Breadcrumbs';

function renderTrail() {
  render(
    <I18nProvider locale="da">
      <MemoryRouter>
        <Breadcrumbs trail={[{ to: '/indicators', label: 'Indikatorer' }, { to: '/indicators/tryghed', label: 'Tryghed' }, { label: 'Indtast tal' }]} />
      </MemoryRouter>
    </I18nProvider>,
  );
  return screen.getByRole('navigation', { name: 'Brødkrumme' });
}

describe('Breadcrumbs', () => {
  it('links to the pages above, in order, under a translated name', () => {
    const links = within(renderTrail()).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Indikatorer', '/indicators'],
      ['Tryghed', '/indicators/tryghed'],
    ]);
  });
  it('ends with the current page, which is not a link', () => {
    const current = within(renderTrail()).getByText('Indtast tal');
    expect(current).toHaveAttribute('aria-current', 'page');
    expect(current.closest('a')).toBeNull();
  });
});
