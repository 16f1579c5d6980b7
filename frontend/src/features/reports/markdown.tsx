/**
 * The Markdown preview: the same small subset the server renders (backend/sammen/core/markdown.py) —
 * paragraphs, #–### headings, bullet and numbered lists, **bold**, *italic*, `code` and links to
 * http(s)/mailto — built as React elements, so no text can ever become markup.
 */
import type { ReactNode } from 'react';

const SAFE = /^(https?:\/\/|mailto:)/i;
const INLINE = /(`[^`\n]+`)|(\[[^\]\n]+\]\([^)\s]+\))|(\*\*.+?\*\*)|((?<![*\w])\*(?!\s).+?(?<!\s)\*(?![*\w]))/;

export function inline(text: string, key = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let rest = text;
  let n = 0;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push(rest);
      break;
    }
    if (m.index > 0) out.push(rest.slice(0, m.index));
    const token = m[0];
    const k = `${key}-${n++}`;
    if (m[1]) out.push(<code key={k}>{token.slice(1, -1)}</code>);
    else if (m[2]) {
      const [, label, target] = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(token)!;
      out.push(
        SAFE.test(target!) ? (
          <a key={k} href={target} rel="noopener nofollow">
            {label}
          </a>
        ) : (
          token
        ),
      );
    } else if (m[3]) out.push(<strong key={k}>{inline(token.slice(2, -2), k)}</strong>);
    else out.push(<em key={k}>{inline(token.slice(1, -1), k)}</em>);
    rest = rest.slice(m.index + token.length);
  }
  return out;
}

type Block = { kind: 'p'; lines: string[] } | { kind: 'h'; level: number; text: string } | { kind: 'ul' | 'ol'; items: string[] };

interface ListBlock {
  kind: 'ul' | 'ol';
  items: string[];
}

export function blocks(text: string): Block[] {
  const out: Block[] = [];
  let para: string[] = [];
  const state: { list: ListBlock | null } = { list: null };
  const flush = () => {
    if (para.length) out.push({ kind: 'p', lines: para });
    para = [];
  };
  const close = () => {
    if (state.list) out.push(state.list);
    state.list = null;
  };
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (!line.trim()) {
      flush();
      close();
    } else if (heading) {
      flush();
      close();
      out.push({ kind: 'h', level: heading[1]!.length, text: heading[2]! });
    } else if (bullet || numbered) {
      flush();
      const kind = bullet ? 'ul' : 'ol';
      if (state.list?.kind !== kind) {
        close();
        state.list = { kind, items: [] };
      }
      state.list!.items.push((bullet ?? numbered)![1]!);
    } else {
      close();
      para.push(line.trim());
    }
  }
  flush();
  close();
  return out;
}

/** Markdown as the report shows it; headings start at h3 (inside a section with its own h2). */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown" lang="da">
      {blocks(text).map((b, i) => {
        if (b.kind === 'h') {
          const Tag = (['h3', 'h4', 'h5'] as const)[b.level - 1]!;
          return <Tag key={i}>{inline(b.text, `h${i}`)}</Tag>;
        }
        if (b.kind === 'p')
          return (
            <p key={i}>
              {b.lines.flatMap((line, j) => [j ? <br key={`br${j}`} /> : null, ...inline(line, `p${i}-${j}`)])}
            </p>
          );
        const List = b.kind;
        return (
          <List key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{inline(item, `l${i}-${j}`)}</li>
            ))}
          </List>
        );
      })}
    </div>
  );
}
