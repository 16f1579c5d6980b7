/** Content is written in Danish (DESIGN.md); marking it keeps screen readers right when the UI is English. */
export const CONTENT_LANG = 'da';

/** Plain text from the agreement, with blank-line paragraphs, "## " headings and "- " lists (no HTML). */
import type { JSX } from 'react';

type Block = { kind: 'p' | 'h'; text: string } | { kind: 'ul'; items: string[] };

export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim());
    if (lines.length === 0) continue;
    if (lines.every((l) => /^\s*[-*•]\s+/.test(l))) {
      blocks.push({ kind: 'ul', items: lines.map((l) => l.replace(/^\s*[-*•]\s+/, '')) });
    } else if (lines.length === 1 && /^#{1,6}\s+/.test(lines[0]!)) {
      blocks.push({ kind: 'h', text: lines[0]!.replace(/^#{1,6}\s+/, '') });
    } else {
      blocks.push({ kind: 'p', text: lines.join('\n') });
    }
  }
  return blocks;
}

export function RichText({ text, headingLevel = 3 }: { text: string | null | undefined; headingLevel?: 2 | 3 | 4 }) {
  if (!text) return null;
  const Heading = `h${headingLevel}` as keyof JSX.IntrinsicElements;
  return (
    <div className="rich-text" lang={CONTENT_LANG}>
      {parseBlocks(text).map((b, i) =>
        b.kind === 'ul' ? (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ) : b.kind === 'h' ? (
          <Heading key={i}>{b.text}</Heading>
        ) : (
          <p key={i}>{b.text}</p>
        ),
      )}
    </div>
  );
}
