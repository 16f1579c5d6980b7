import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '@/lib/i18n';
import { agendaQuery, type AgendaItem, type Meeting } from '../api';
import { AgendaBuilder } from './AgendaBuilder';

afterEach(() => vi.unstubAllGlobals());

const MEETING = {
  id: 7,
  body_id: 1,
  title: 'Partnerskabsmøde',
  starts_at: '2026-03-12T13:00:00Z',
  ends_at: '2026-03-12T15:00:00Z',
  status: 'planned',
  visibility: 'partners',
  guests: [],
  place: null,
  online_url: null,
  cancelled_reason: null,
  minutes_circulated_at: null,
  minutes_approved_at: null,
  minutes_approved_by: null,
  version: 1,
} as Meeting;

const item = (id: number, title: string, position: number, extra: Partial<AgendaItem> = {}): AgendaItem => ({
  id,
  meeting_id: 7,
  position,
  title,
  description: null,
  kind: 'information',
  duration_minutes: 20,
  presenter: null,
  restricted: false,
  links: [],
  version: 1,
  ...extra,
});

const ITEMS = [item(1, 'Velkomst', 0), item(2, 'Kommissorium', 1), item(3, 'Eventuelt', 2)];

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' } });
}

/** A fake API holding the saved order: PUT answers with `reply`, and stores the order when it succeeds. */
function setup(reply: (ids: number[]) => Response, items = ITEMS) {
  const sent: number[][] = [];
  let saved = items;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      if (req.method === 'PUT') {
        const ids = ((await req.json()) as { item_ids: number[] }).item_ids;
        sent.push(ids);
        const response = reply(ids);
        if (response.ok) saved = ids.map((id, i) => ({ ...items.find((x) => x.id === id)!, position: i }));
        return response;
      }
      return json(200, saved); // the agenda as the server has it (refetched after a save)
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['meetings', 'agenda', 7], items);
  function Current() {
    const { data } = useQuery({ ...agendaQuery(7), staleTime: Infinity });
    return <AgendaBuilder meeting={MEETING} items={data ?? []} editable />;
  }
  const view = render(
    <QueryClientProvider client={client}>
      <I18nProvider locale="da">
        <Current />
      </I18nProvider>
    </QueryClientProvider>,
  );
  const titles = () => [...view.container.querySelectorAll('.agenda-title')].map((h) => h.textContent);
  return { sent, titles };
}

describe('the agenda builder', () => {
  it('moves an item with Space, the arrow keys and Space, and saves the order once', async () => {
    const user = userEvent.setup();
    const { sent, titles } = setup((ids) => json(200, { items: ids.map((id, i) => item(id, ITEMS.find((x) => x.id === id)!.title, i)), total: 3, limit: 3, offset: 0 }));
    screen.getByRole('button', { name: 'Flyt punkt 3: Eventuelt' }).focus();
    await user.keyboard(' ');
    expect(screen.getByRole('status')).toHaveTextContent('Eventuelt er taget op, på plads 3 af 3');
    await user.keyboard('{ArrowUp}');
    expect(titles()).toEqual(['Velkomst', 'Eventuelt', 'Kommissorium']);
    expect(screen.getByRole('status')).toHaveTextContent('Eventuelt: plads 2 af 3.');
    expect(sent).toEqual([]); // nothing is saved while the item is held
    expect(screen.getByRole('button', { name: 'Flyt punkt 2: Eventuelt' })).toHaveFocus();
    await user.keyboard('{Home} ');
    await waitFor(() => expect(sent).toEqual([[3, 1, 2]]));
    expect(titles()).toEqual(['Eventuelt', 'Velkomst', 'Kommissorium']);
  });

  it('puts the item back on Escape and saves nothing', async () => {
    const user = userEvent.setup();
    const { sent, titles } = setup(() => json(500, {}));
    screen.getByRole('button', { name: 'Flyt punkt 1: Velkomst' }).focus();
    await user.keyboard(' {ArrowDown}{ArrowDown}');
    expect(titles()).toEqual(['Kommissorium', 'Eventuelt', 'Velkomst']);
    await user.keyboard('{Escape}');
    expect(titles()).toEqual(['Velkomst', 'Kommissorium', 'Eventuelt']);
    expect(screen.getByRole('status')).toHaveTextContent('Flytningen af Velkomst er fortrudt.');
    expect(sent).toEqual([]);
  });

  it('says so and shows the saved order again when someone changed the agenda meanwhile (409)', async () => {
    const user = userEvent.setup();
    const { sent, titles } = setup(() => json(409, { type: 'about:blank', title: 'Conflict', status: 409, detail: 'changed' }));
    screen.getByRole('button', { name: 'Flyt punkt 2: Kommissorium' }).focus();
    await user.keyboard(' {ArrowUp} ');
    await waitFor(() => expect(sent).toEqual([[2, 1, 3]]));
    expect(await screen.findByRole('alert')).toHaveTextContent('Dagsordenen er ændret af en anden');
    await waitFor(() => expect(titles()).toEqual(['Velkomst', 'Kommissorium', 'Eventuelt']));
  });

  it('marks restricted items and shows each item’s start from the meeting start and the durations', () => {
    setup(() => json(200, {}), [item(1, 'Velkomst', 0), item(2, 'Politiets sag', 1, { restricted: true })]);
    expect(screen.getByText('Fortroligt')).toBeInTheDocument();
    expect(screen.getByText('kl. 14.00')).toBeInTheDocument();
    expect(screen.getByText('kl. 14.20')).toBeInTheDocument();
  });
});
