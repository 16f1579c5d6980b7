/**
 * Minutes and decisions are written in a small, safe part of Markdown: paragraphs (a line break is
 * kept), "#" headings, "-"/"*" and "1." lists, "> " quotes, **bold**, *italic*, `code` and
 * [links](https://…). It becomes React elements, never HTML, so nothing a writer types can run as code;
 * only http(s), mailto and same-site links are made clickable.
 */
import type { JSX, ReactNode } from 'react';
import { CONTENT_LANG } from '@/components/RichText';

export type MdBlock =
  | { kind: 'p'; text: string }
  | { kind: 'h'; level: number; text: string }
  | { kind: 'ul' | 'ol'; items: string[] }
  | { kind: 'quote'; text: string };

const BULLET = /^\s*[-*+]\s+/;
const NUMBER = /^\s*\d+[.)]\s+/;
const HEADING = /^(#{1,6})\s+(.*)$/;
const QUOTE = /^\s*>\s?/;

export function parseMarkdown(source: string): MdBlock[] {
  const blocks: MdBlock[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  const take = (test: (line: string) => boolean) => {
    const out: string[] = [];
    while (i < lines.length && test(lines[i]!)) out.push(lines[i++]!);
    return out;
  };
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = HEADING.exec(line.trim());
    if (heading) {
      blocks.push({ kind: 'h', level: heading[1]!.length, text: heading[2]!.trim() });
      i++;
    } else if (BULLET.test(line)) {
      blocks.push({ kind: 'ul', items: take((l) => BULLET.test(l)).map((l) => l.replace(BULLET, '')) });
    } else if (NUMBER.test(line)) {
      blocks.push({ kind: 'ol', items: take((l) => NUMBER.test(l)).map((l) => l.replace(NUMBER, '')) });
    } else if (QUOTE.test(line)) {
      blocks.push({ kind: 'quote', text: take((l) => QUOTE.test(l)).map((l) => l.replace(QUOTE, '')).join('\n') });
    } else {
      const text = take((l) => Boolean(l.trim()) && !HEADING.test(l.trim()) && !BULLET.test(l) && !NUMBER.test(l) && !QUOTE.test(l));
      blocks.push({ kind: 'p', text: text.join('\n') });
    }
  }
  return blocks;
}

const INLINE = /(\*\*[^*]+\*\*|__[^_]+__|\*[^*\s][^*]*\*|_[^_\s][^_]*_|`[^`]+`|\[[^\]]+\]\([^)\s]+\))/;

export function safeHref(href: string): string | null {
  if (/^(https?:|mailto:)/i.test(href)) return href;
  if (href.startsWith('/') && !href.startsWith('//')) return href;
  return null;
}

export function renderInline(text: string, key = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  text.split(INLINE).forEach((part, n) => {
    if (!part) return;
    const k = `${key}-${n}`;
    if ((part.startsWith('**') && part.endsWith('**')) || (part.startsWith('__') && part.endsWith('__'))) {
      out.push(<strong key={k}>{renderInline(part.slice(2, -2), k)}</strong>);
    } else if (part.length > 2 && ((part.startsWith('*') && part.endsWith('*')) || (part.startsWith('_') && part.endsWith('_')))) {
      out.push(<em key={k}>{renderInline(part.slice(1, -1), k)}</em>);
    } else if (part.startsWith('`') && part.endsWith('`') && part.length > 2) {
      out.push(<code key={k}>{part.slice(1, -1)}</code>);
    } else if (part.startsWith('[')) {
      const m = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part);
      const href = m ? safeHref(m[2]!) : null;
      out.push(href ? <a key={k} href={href} rel="noopener noreferrer">{m![1]}</a> : part);
    } else {
      // keep the writer's line breaks inside a paragraph
      part.split('\n').forEach((piece, j, all) => {
        out.push(piece);
        if (j < all.length - 1) out.push(<br key={`${k}-br${j}`} />);
      });
    }
  });
  return out;
}

/** Markdown as safe elements; its headings start at `headingLevel` (the page's structure decides). */
export function Markdown({ text, headingLevel = 4 }: { text: string | null | undefined; headingLevel?: 3 | 4 | 5 }) {
  if (!text) return null;
  return (
    <div className="markdown" lang={CONTENT_LANG}>
      {parseMarkdown(text).map((b, i) => {
        const key = `b${i}`;
        switch (b.kind) {
          case 'h': {
            const Heading = `h${Math.min(6, headingLevel + b.level - 1)}` as keyof JSX.IntrinsicElements;
            return <Heading key={key}>{renderInline(b.text, key)}</Heading>;
          }
          case 'ul':
          case 'ol': {
            const List = b.kind;
            return (
              <List key={key}>
                {b.items.map((item, j) => (
                  <li key={j}>{renderInline(item, `${key}-${j}`)}</li>
                ))}
              </List>
            );
          }
          case 'quote':
            return <blockquote key={key}>{renderInline(b.text, key)}</blockquote>;
          default:
            return <p key={key}>{renderInline(b.text, key)}</p>;
        }
      })}
    </div>
  );
}
