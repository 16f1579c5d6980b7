import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StaticAuthProvider, type Me } from '@/lib/auth';
import { I18nProvider } from '@/lib/i18n';
import { goalRoutes } from '../routes';

const ADMIN: Me = {
  kind: 'user',
  id: 1,
  name: 'Demo Admin',
  email: 'admin@sammen.demo',
  must_change_password: false,
  memberships: [],
  permissions: { sekretariat: ['agreement:manage', 'content:read', 'content:any-org'] },
};

const goal = (version: number, title: string, description: string | null = null) => ({
  id: 5,
  parent_id: null,
  code: '2',
  title,
  description,
  position: 1,
  visibility: 'public',
  version,
  sub_objectives: [],
});

function json(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

afterEach(() => vi.unstubAllGlobals());

/** A fake API: answers GET/PATCH /goals/5 from a queue and records every request. */
function fakeApi(responses: Response[]) {
  const seen: { method: string; url: string; ifMatch: string | null; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const text = req.method === 'GET' ? '' : await req.text();
      seen.push({ method: req.method, url: req.url, ifMatch: req.headers.get('If-Match'), body: text ? JSON.parse(text) : null });
      const next = responses.shift();
      if (!next) throw new Error(`unexpected ${req.method} ${req.url}`);
      return next;
    }),
  );
  return seen;
}

function renderAt(path: string) {
  const router = createMemoryRouter(goalRoutes(), { initialEntries: [path] });
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <I18nProvider locale="da">
        <StaticAuthProvider me={ADMIN}>
          <RouterProvider router={router} />
        </StaticAuthProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return router;
}

const problem = (status: number, extra: object = {}) =>
  json(status, { type: 'about:blank', title: 't', status, errors: [], ...extra }, 'application/problem+json');

describe('goal edit form', () => {
  it('on 412 shows both versions, keeps what I typed, and "keep mine" saves against the new version', async () => {
    const seen = fakeApi([
      json(200, goal(1, 'Oprindelig')),
      problem(412, { detail: 'You sent version 1; the current version is 2.' }),
      json(200, goal(2, 'Deres titel', 'Deres beskrivelse')),
      json(200, goal(3, 'Min titel')),
      json(200, goal(3, 'Min titel')),
    ]);
    const router = renderAt('/goals/5/edit');
    const title = await screen.findByLabelText('Titel');
    await userEvent.clear(title);
    await userEvent.type(title, 'Min titel');
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Målet er ændret af en anden');
    expect(screen.getByRole('row', { name: /Titel/ })).toHaveTextContent('Min titelDeres titel');
    expect(screen.getByLabelText('Titel')).toHaveValue('Min titel');

    await userEvent.click(screen.getByRole('button', { name: 'Behold min tekst og gem igen' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/goals/5'));
    const patches = seen.filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => p.ifMatch)).toEqual(['"1"', '"2"']);
    expect(patches[0]!.body).toEqual({ title: 'Min titel' });
    // Against version 2, "mine" means my title and my (empty) description.
    expect(patches[1]!.body).toEqual({ title: 'Min titel', description: null });
  });

  it('"use the saved version" replaces the form with the server text and saves nothing', async () => {
    const seen = fakeApi([
      json(200, goal(1, 'Oprindelig')),
      problem(412),
      json(200, goal(2, 'Deres titel')),
    ]);
    renderAt('/goals/5/edit');
    const title = await screen.findByLabelText('Titel');
    await userEvent.type(title, ' og mere');
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Hent den gemte version' }));
    expect(screen.getByLabelText('Titel')).toHaveValue('Deres titel');
    expect(screen.queryByText('Målet er ændret af en anden')).toBeNull();
    expect(seen.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it("shows the server's field errors next to the fields", async () => {
    fakeApi([
      json(200, goal(1, 'Oprindelig')),
      problem(422, { errors: [{ field: 'body.title', message: 'String should have at most 2000 characters' }] }),
    ]);
    renderAt('/goals/5/edit');
    await userEvent.type(await screen.findByLabelText('Titel'), '!');
    await userEvent.click(screen.getByRole('button', { name: 'Gem' }));
    const field = await screen.findByText('String should have at most 2000 characters', { selector: '.form-error-message' });
    expect(field.id).toBe('goal-title-error');
    expect(screen.getByLabelText('Titel')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Titel')).toHaveValue('Oprindelig!');
  });
});
