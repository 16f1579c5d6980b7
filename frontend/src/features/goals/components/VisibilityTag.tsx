import { useT } from '@/lib/i18n';
import type { Visibility } from '../api';

export function VisibilityTag({ visibility }: { visibility: Visibility }) {
  const t = useT();
  if (visibility === 'public') return null;
  return (
    <span className={`tag tag-${visibility}`}>
      {t('goals.visibility')}: {t(`goals.visibility.${visibility}`)}
    </span>
  );
}
