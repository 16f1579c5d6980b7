import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '@/lib/i18n';
import type { Composition, Member } from '../api';
import { compositionProblems, CompositionView } from './CompositionView';

afterEach(() => vi.unstubAllGlobals());

function member(id: number, name: string, extra: Partial<Member> = {}): Member {
  return {
    id,
    body_id: 1,
    user_id: null,
    person_name: name,
    person_organisation: null,
    email: null,
    organisation_id: 1,
    role: 'member',
    seat_code: null,
    from_date: '2024-01-01',
    to_date: null,
    current: true,
    version: 1,
    ...extra,
  };
}

const seat = (code: string, title: string, count: number, organisation_id: number | null = 1) => ({
  id: code.length,
  code,
  title,
  organisation_id,
  count,
  role: 'member' as const,
});

const REPORT: Composition = {
  body_id: 1,
  on: '2026-03-12',
  seats: [
    { seat: seat('leder', 'Kommunal leder', 2), holders: [member(1, 'Jens Holm', { role: 'chair' }), member(2, 'Ida Berg')], filled: 2, state: 'filled' },
    { seat: seat('aab', 'Forretningsfører AAB', 1), holders: [], filled: 0, state: 'empty' },
    { seat: seat('politi', 'Politidirektør', 1), holders: [], filled: 0, state: 'expired' },
    { seat: seat('boligorg', 'Nøgleaktører', 2, null), holders: [member(3, 'A'), member(4, 'B'), member(5, 'C')], filled: 3, state: 'overfilled' },
  ],
  empty_seats: ['aab'],
  partly_filled_seats: [],
  overfilled_seats: ['boligorg'],
  expired_seats: ['politi'],
  members_without_seat: [member(6, 'Maria Holm', { person_organisation: 'Høje Gladsaxe Kirke', organisation_id: null })],
  complete: false,
};

function renderView(report: Composition, members?: Member[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ items: [{ id: 1, slug: 'gladsaxe-kommune', name: 'Gladsaxe Kommune' }], total: 1, limit: 200, offset: 0 }), { headers: { 'Content-Type': 'application/json' } })),
  );
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <I18nProvider locale="da">
        <CompositionView report={report} members={members} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('the composition display', () => {
  it('names the problems plainly, most urgent first, by seat title', () => {
    expect(compositionProblems(REPORT)).toEqual([
      { state: 'empty', seats: ['Forretningsfører AAB'] },
      { state: 'expired', seats: ['Politidirektør'] },
      { state: 'overfilled', seats: ['Nøgleaktører'] },
    ]);
    renderView(REPORT);
    const summary = screen.getByText(/afviger fra aftalen/).closest('.alert')!;
    expect(summary).toHaveClass('alert-warning');
    const lines = within(summary as HTMLElement).getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toEqual([
      'Tomme pladser (1): Forretningsfører AAB',
      'Udløbne pladser (1): Politidirektør',
      'Overbesatte pladser (1): Nøgleaktører',
    ]);
  });

  it('shows every seat with its state in words, its count and its holders with their roles', () => {
    const { container } = renderView(REPORT);
    const row = (code: string) => container.querySelector(`tr[data-seat="${code}"]`) as HTMLElement;
    expect(within(row('leder')).getByText('Besat')).toBeInTheDocument();
    expect(within(row('leder')).getByText('2 af 2')).toBeInTheDocument();
    expect(within(row('leder')).getByText('formand')).toBeInTheDocument();
    expect(within(row('aab')).getByText('Tom')).toBeInTheDocument();
    expect(within(row('aab')).getByText('Ingen')).toBeInTheDocument();
    expect(within(row('politi')).getByText('Udløbet')).toBeInTheDocument();
    expect(within(row('boligorg')).getByText('Overbesat')).toBeInTheDocument();
    expect(within(row('boligorg')).getByText('3 af 2')).toBeInTheDocument();
    expect(within(row('boligorg')).getByText('Flere organisationer')).toBeInTheDocument();
  });

  it('shows external participants with their affiliation, marked as external', () => {
    const { container } = renderView(REPORT);
    const external = container.querySelector('[data-member="6"]') as HTMLElement;
    expect(external).toHaveTextContent('Maria Holm');
    expect(external).toHaveTextContent('Høje Gladsaxe Kirke');
    expect(within(external).getByText('ekstern')).toBeInTheDocument();
  });

  it('says so when every seat is filled, and groups the members by organisation', () => {
    const complete: Composition = {
      ...REPORT,
      seats: [REPORT.seats[0]!],
      empty_seats: [],
      overfilled_seats: [],
      expired_seats: [],
      members_without_seat: [],
      complete: true,
    };
    renderView(complete, [member(1, 'Jens Holm', { role: 'chair' }), member(2, 'Ida Berg'), member(9, 'Gammel', { current: false })]);
    expect(screen.getByText(/alle 2 pladser er besat/)).toBeInTheDocument();
    expect(screen.getByText('Medlemmer efter organisation (2)')).toBeInTheDocument();
  });
});
