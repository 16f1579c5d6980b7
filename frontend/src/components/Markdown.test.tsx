import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown, parseMarkdown, safeHref } from './Markdown';

describe('parseMarkdown', () => {
  it('reads headings, lists, quotes and paragraphs', () => {
    expect(parseMarkdown('# Beslutning\n\nTekst her\nog her.\n\n- et\n- to\n\n1. først\n2. så\n\n> citat')).toEqual([
      { kind: 'h', level: 1, text: 'Beslutning' },
      { kind: 'p', text: 'Tekst her\nog her.' },
      { kind: 'ul', items: ['et', 'to'] },
      { kind: 'ol', items: ['først', 'så'] },
      { kind: 'quote', text: 'citat' },
    ]);
  });
});

describe('Markdown', () => {
  it('renders emphasis, code, line breaks and headings below the given level', () => {
    const { container } = render(<Markdown text={'## Punkt\n**Vigtigt** og *bemærk* `kode`\nny linje'} headingLevel={4} />);
    expect(container.querySelector('h5')?.textContent).toBe('Punkt');
    expect(container.querySelector('strong')?.textContent).toBe('Vigtigt');
    expect(container.querySelector('em')?.textContent).toBe('bemærk');
    expect(container.querySelector('code')?.textContent).toBe('kode');
    expect(container.querySelector('br')).not.toBeNull();
  });

  it('never renders HTML and links only safe addresses', () => {
    const { container } = render(
      <Markdown text={'<img src=x onerror=alert(1)> [ok](https://gladsaxe.dk) [nej](javascript:alert(1))'} />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://gladsaxe.dk']);
    expect(container.textContent).toContain('[nej](javascript:alert(1))');
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('/decisions/3')).toBe('/decisions/3');
  });
});
