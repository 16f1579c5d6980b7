/** The trail above a page: links to the pages it sits under, then the page itself. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '@/lib/i18n';

export interface Crumb {
  label: ReactNode;
  /** Where the crumb leads; the last crumb is the current page and never a link. */
  to?: string;
}

export function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  const t = useT();
  const last = trail.length - 1;
  return (
    <nav aria-label={t('nav.breadcrumb')} className="breadcrumbs">
      <ol className="breadcrumbs__list">
        {trail.map((crumb, index) =>
          index < last && crumb.to ? (
            <li key={index} className="breadcrumbs__list-item">
              <Link className="breadcrumbs__link" to={crumb.to}>
                {crumb.label}
              </Link>
            </li>
          ) : (
            <li key={index} className="breadcrumbs__list-item" aria-current={index === last ? 'page' : undefined}>
              {crumb.label}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
