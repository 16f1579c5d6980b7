import { describe, expect, it } from 'vitest';
import { diffWords, tokens } from './diff';

const apply = (parts: ReturnType<typeof diffWords>, side: 'before' | 'after') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === (side === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');

describe('diffWords', () => {
  it('marks the changed words and keeps the rest', () => {
    expect(diffWords('Mødet holdes i marts.', 'Mødet holdes i april.')).toEqual([
      { kind: 'same', text: 'Mødet holdes i ' },
      { kind: 'removed', text: 'marts.' },
      { kind: 'added', text: 'april.' },
    ]);
  });

  it('finds insertions and deletions in the middle', () => {
    const parts = diffWords('a b c d e', 'a x c d f e');
    expect(apply(parts, 'before')).toBe('a b c d e');
    expect(apply(parts, 'after')).toBe('a x c d f e');
    expect(parts.filter((p) => p.kind !== 'same').map((p) => [p.kind, p.text.trim()])).toEqual([
      ['removed', 'b'],
      ['added', 'x'],
      ['added', 'f'],
    ]);
  });

  it('treats equal texts as unchanged and empty sides as wholly added or removed', () => {
    expect(diffWords('samme tekst', 'samme tekst')).toEqual([{ kind: 'same', text: 'samme tekst' }]);
    expect(diffWords('', 'ny')).toEqual([{ kind: 'added', text: 'ny' }]);
    expect(diffWords('gammel', '')).toEqual([{ kind: 'removed', text: 'gammel' }]);
  });

  it('rebuilds both texts from any script', () => {
    const before = 'Partnerskabet godkender kommissoriet for arbejdsgruppen med de nævnte ændringer.';
    const after = 'Partnerskabet godkender kommissoriet for den nye arbejdsgruppe uden ændringer, og beder om status.';
    const parts = diffWords(before, after);
    expect(apply(parts, 'before')).toBe(before);
    expect(apply(parts, 'after')).toBe(after);
  });

  it('gives up word by word past the edit limit, still rebuilding both texts', () => {
    const before = Array.from({ length: 50 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 50 }, (_, i) => `b${i}`).join(' ');
    const parts = diffWords(before, after);
    expect(apply(parts, 'before')).toBe(before);
    expect(apply(parts, 'after')).toBe(after);
    expect(tokens('to  ord')).toEqual(['to', '  ', 'ord']);
  });
});
