import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '@/lib/i18n';
import { ConflictResolver, differingFields, type ConflictField } from './ConflictResolver';

const FIELDS: ConflictField[] = [
  { name: 'code', label: 'Kode', mine: '1', theirs: '1' },
  { name: 'title', label: 'Titel', mine: 'Min titel', theirs: 'Deres titel' },
  { name: 'description', label: 'Beskrivelse', mine: '', theirs: 'Ny beskrivelse' },
];

function renderResolver(props: Partial<Parameters<typeof ConflictResolver>[0]> = {}) {
  const onReload = vi.fn();
  const onKeepMine = vi.fn();
  render(
    <I18nProvider locale="da">
      <ConflictResolver fields={FIELDS} theirsVersion={4} onReload={onReload} onKeepMine={onKeepMine} {...props} />
    </I18nProvider>,
  );
  return { onReload, onKeepMine };
}

describe('differingFields', () => {
  it('keeps only fields whose text differs', () => {
    expect(differingFields(FIELDS).map((f) => f.name)).toEqual(['title', 'description']);
  });
  it('shows every field when nothing differs', () => {
    const same = [{ name: 'a', label: 'A', mine: 'x', theirs: 'x' }];
    expect(differingFields(same)).toEqual(same);
  });
});

describe('ConflictResolver', () => {
  it('shows my text next to the saved version, field by field', () => {
    renderResolver();
    expect(screen.getByRole('alert')).toHaveTextContent('Målet er ændret af en anden');
    expect(screen.getByRole('columnheader', { name: 'Gemt version (version 4)' })).toBeInTheDocument();
    const title = screen.getByRole('row', { name: /Titel/ });
    expect(title).toHaveTextContent('Min titel');
    expect(title).toHaveTextContent('Deres titel');
    expect(screen.getByRole('row', { name: /Beskrivelse/ })).toHaveTextContent('(tom)');
    expect(screen.queryByRole('row', { name: /Kode/ })).toBeNull();
  });

  it('moves focus to itself so screen readers announce the conflict', () => {
    renderResolver();
    expect(screen.getByRole('alert')).toHaveFocus();
  });

  it('offers "keep mine and save again"', async () => {
    const { onKeepMine, onReload } = renderResolver();
    await userEvent.click(screen.getByRole('button', { name: 'Behold min tekst og gem igen' }));
    expect(onKeepMine).toHaveBeenCalledOnce();
    expect(onReload).not.toHaveBeenCalled();
  });

  it('offers to take the saved version', async () => {
    const { onKeepMine, onReload } = renderResolver();
    await userEvent.click(screen.getByRole('button', { name: 'Hent den gemte version' }));
    expect(onReload).toHaveBeenCalledOnce();
    expect(onKeepMine).not.toHaveBeenCalled();
  });

  it('disables both choices while saving', () => {
    renderResolver({ busy: true });
    for (const button of screen.getAllByRole('button')) expect(button).toBeDisabled();
  });

  it('speaks English when asked', () => {
    render(
      <I18nProvider locale="en">
        <ConflictResolver fields={FIELDS} theirsVersion={2} onReload={() => {}} onKeepMine={() => {}} />
      </I18nProvider>,
    );
    expect(screen.getByRole('button', { name: 'Keep mine and save again' })).toBeInTheDocument();
  });
});
