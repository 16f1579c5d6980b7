import { useI18n } from '@/lib/i18n';

/** Previous / next for an offset-paged list. */
export function Pager({ offset, total, size, onChange }: { offset: number; total: number; size: number; onChange: (offset: number) => void }) {
  const { t } = useI18n();
  if (total <= size) return null;
  return (
    <nav className="inline-actions pager" aria-label={t('initiatives.pages')}>
      <button type="button" className="button button-secondary" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - size))}>
        {t('initiatives.previous')}
      </button>
      <button type="button" className="button button-secondary" disabled={offset + size >= total} onClick={() => onChange(offset + size)}>
        {t('initiatives.next')}
      </button>
    </nav>
  );
}
