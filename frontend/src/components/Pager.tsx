/** Previous / next through a long list, with where in it the reader is. */
import { useT } from '@/lib/i18n';

export function Pager({
  offset,
  total,
  size,
  shown,
  label,
  onGo,
}: {
  offset: number;
  total: number;
  size: number;
  shown: number;
  label: string;
  onGo: (offset: number) => void;
}) {
  const t = useT();
  if (total <= size) return null;
  return (
    <nav aria-label={label} className="button-row pager">
      <button type="button" className="button button-secondary" disabled={offset === 0} onClick={() => onGo(Math.max(0, offset - size))}>
        {t('initiatives.previous')}
      </button>
      <span className="meta">{t('initiatives.showing', { from: offset + 1, to: offset + shown, total })}</span>
      <button type="button" className="button button-secondary" disabled={offset + size >= total} onClick={() => onGo(offset + size)}>
        {t('initiatives.next')}
      </button>
    </nav>
  );
}
