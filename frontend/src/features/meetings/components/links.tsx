/** Typed links (to goals, initiatives, indicators, kommissorier, …): their labels and where they lead. */
import { Link } from 'react-router';
import { CONTENT_LANG } from '@/components/RichText';
import { isMessageKey, useI18n } from '@/lib/i18n';
import type { LinkPublic } from '../api';

/** The page a link's target has in the SPA (none for kinds without one). */
export function linkHref(link: { target_type: string; target_id: number; title?: string | null }): string | null {
  switch (link.target_type) {
    case 'goal':
      return `/goals/${link.target_id}`;
    case 'initiative':
      return `/initiatives/${link.target_id}`;
    case 'indicator': {
      // the indicator resolver titles a target "<code> <name>"; the indicator page is found by code
      const code = link.title?.split(' ')[0];
      return code ? `/indicators/${encodeURIComponent(code)}` : null;
    }
    case 'mandate':
      return `/mandates/${link.target_id}`;
    case 'body':
      return `/bodies/${link.target_id}`;
    case 'status_report':
      return `/reports/${link.target_id}`;
    default:
      return null;
  }
}

/** A kind's name in the UI language; a kind the API added since gets its own name, readably. */
export function useKindLabel(): (kind: string) => string {
  const { t } = useI18n();
  return (kind) => {
    const key = `links.kind.${kind}`;
    return isMessageKey(key) ? t(key) : kind.replace(/_/g, ' ');
  };
}

export function LinkChips({ links }: { links: LinkPublic[] }) {
  const { t } = useI18n();
  const label = useKindLabel();
  if (!links.length) return null;
  return (
    <ul className="link-chips nobullet-list" aria-label={t('links.label')}>
      {links.map((l) => {
        const href = linkHref(l);
        const text = l.title ?? t('links.hidden');
        return (
          <li key={`${l.target_type}-${l.target_id}`} className="link-chip" data-link={`${l.target_type}:${l.target_id}`}>
            <span className="link-kind">{label(l.target_type)}:</span>{' '}
            {href && l.title ? (
              <Link to={href} lang={CONTENT_LANG}>
                {text}
              </Link>
            ) : (
              <span lang={CONTENT_LANG}>{text}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
