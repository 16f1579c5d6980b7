import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StaticAuthProvider } from '@/lib/auth';
import { I18nProvider } from '@/lib/i18n';
import { initiativeRoutes } from '../routes';

const page = (items: unknown[] = []) => ({ items, total: items.length, limit: 20, offset: 0 });

afterEach(() => vi.unstubAllGlobals());

function setup(path: string) {
  const urls: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      urls.push(url);
      return new Response(JSON.stringify(page()), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  const router = createMemoryRouter(initiativeRoutes, { initialEntries: [path] });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <I18nProvider locale="da">
        <StaticAuthProvider me={null}>
          <RouterProvider router={router} />
        </StaticAuthProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
  const listCalls = () => urls.filter((u) => u.pathname === '/api/v1/initiatives');
  return { router, listCalls };
}

describe('initiative list filters', () => {
  it('asks the API with the filters in the URL', async () => {
    const { listCalls } = setup('/initiatives?status=active&status=paused&phase=2&q=lektier&sort=title');
    await waitFor(() => expect(listCalls()).toHaveLength(1));
    const q = listCalls()[0]!.searchParams;
    expect(q.getAll('status')).toEqual(['active', 'paused']);
    expect(q.get('phase')).toBe('2');
    expect(q.get('q')).toBe('lektier');
    expect(q.get('sort')).toBe('title');
    expect(screen.getByRole('checkbox', { name: 'Aktiv' })).toBeChecked();
    expect(screen.getByLabelText('Søg')).toHaveValue('lektier');
  });

  it('puts the chosen filters in the URL on submit, and "clear" empties it', async () => {
    const { router, listCalls } = setup('/initiatives');
    await waitFor(() => expect(listCalls()).toHaveLength(1));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Individ' }));
    await userEvent.type(screen.getByLabelText('Søg'), 'café');
    await userEvent.click(screen.getByRole('button', { name: 'Vis indsatser' }));
    await waitFor(() => expect(router.state.location.search).toBe('?q=caf%C3%A9&level=individ'));
    await waitFor(() => expect(listCalls().at(-1)!.searchParams.get('level')).toBe('individ'));
    await userEvent.click(screen.getByRole('button', { name: 'Nulstil filtre' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(screen.getByLabelText('Søg')).toHaveValue('');
  });
});
