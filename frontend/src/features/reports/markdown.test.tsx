import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { blocks, Markdown } from './markdown';

describe('the Markdown preview', () => {
  it('renders the subset the server renders', () => {
    const { container } = render(
      <Markdown text={'# Året\n\nEt **godt** år med *mange* `tal`.\n\n- en\n- to\n\n1. første\n2. anden\n\n[Aftalen](https://gladsaxe.dk)'} />,
    );
    expect(container.querySelector('h3')?.textContent).toBe('Året');
    expect(container.querySelector('strong')?.textContent).toBe('godt');
    expect(container.querySelector('em')?.textContent).toBe('mange');
    expect(container.querySelector('code')?.textContent).toBe('tal');
    expect([...container.querySelectorAll('ul li')].map((li) => li.textContent)).toEqual(['en', 'to']);
    expect([...container.querySelectorAll('ol li')].map((li) => li.textContent)).toEqual(['første', 'anden']);
    const link = container.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://gladsaxe.dk');
    expect(link?.getAttribute('rel')).toBe('noopener nofollow');
  });

  it('never turns text into markup or scripts', () => {
    const { container } = render(
      <Markdown text={'<script>alert(1)</script> <img src=x onerror=alert(1)> [klik](javascript:alert(1))'} />,
    );
    expect(container.querySelector('script, img')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toContain('<script>alert(1)</script>');
    expect(container.textContent).toContain('[klik](javascript:alert(1))');
  });

  it('keeps line breaks inside a paragraph and splits on blank lines', () => {
    expect(blocks('a\nb\n\nc')).toEqual([
      { kind: 'p', lines: ['a', 'b'] },
      { kind: 'p', lines: ['c'] },
    ]);
  });
});
