/** The goal page's initiative section: the goal's active initiatives with their latest progress colour. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, QueryView } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { goalInitiativesQuery } from '../api';
import { ColourBadge, useOrgName } from './bits';

export function GoalInitiatives({ goalCode }: { goalCode: string }) {
  const { t, date } = useI18n();
  const orgName = useOrgName();
  const query = useQuery(goalInitiativesQuery(goalCode));
  return (
    <QueryView query={query}>
      {(page) => (
        <>
          {page.items.length === 0 ? (
            <EmptyState>{t('initiatives.goalEmpty')}</EmptyState>
          ) : (
            <ul className="goal-initiatives nobullet-list">
              {page.items.map((i) => (
                <li key={i.id} data-initiative={i.id}>
                  <Link to={`/initiatives/${i.id}`} lang={CONTENT_LANG}>
                    {i.title}
                  </Link>{' '}
                  <span className="meta">({orgName(i.lead)})</span>
                  <br />
                  <ColourBadge colour={i.last_status_colour} />{' '}
                  {i.last_reported_on && <span className="meta">{t('initiatives.lastReport', { date: date(i.last_reported_on) })}</span>}
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to={`/initiatives?goal=${encodeURIComponent(goalCode)}`}>{t('initiatives.goalAll')}</Link>
          </p>
        </>
      )}
    </QueryView>
  );
}
