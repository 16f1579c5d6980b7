/** What changed between two texts: removed words struck through, added words underlined (and said so). */
import { useMemo } from 'react';
import { CONTENT_LANG } from '@/components/RichText';
import { useT } from '@/lib/i18n';
import { diffWords } from '@/lib/diff';

/** `sameText`: when nothing changed, show the text itself (side by side) rather than "no changes". */
export function DiffView({ before, after, sameText = false }: { before: string; after: string; sameText?: boolean }) {
  const t = useT();
  const parts = useMemo(() => diffWords(before, after), [before, after]);
  const changed = parts.some((p) => p.kind !== 'same');
  if (!changed && sameText && !after) return <em className="meta">{t('conflict.empty')}</em>;
  return (
    <div className="diff" lang={CONTENT_LANG}>
      {!changed && !sameText && <p className="meta">{t('diff.unchanged')}</p>}
      <p className="diff-text">
        {parts.map((p, i) =>
          p.kind === 'same' ? (
            <span key={i}>{p.text}</span>
          ) : p.kind === 'added' ? (
            <ins key={i} className="diff-added">
              <span className="sr-only">{t('diff.added')} </span>
              {p.text}
            </ins>
          ) : (
            <del key={i} className="diff-removed">
              <span className="sr-only">{t('diff.removed')} </span>
              {p.text}
            </del>
          ),
        )}
      </p>
    </div>
  );
}
