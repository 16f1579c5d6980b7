/** Good stories for residents, as cards: newest first, each with its initiative and date. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, QueryView, useDocumentTitle } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { goodStoriesQuery } from '../plans-api';
import { useOrgName } from './bits';
import './plans.css';

export function GoodStoriesPage() {
  const { t, date } = useI18n();
  const orgName = useOrgName();
  useDocumentTitle(t('stories.title'));
  const query = useQuery(goodStoriesQuery());
  return (
    <section>
      <Breadcrumbs trail={[{ to: '/initiatives', label: t('initiatives.title') }, { label: t('stories.title') }]} />
      <h1>{t('stories.title')}</h1>
      <p className="font-lead">{t('stories.intro')}</p>
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('stories.none')}</EmptyState>
          ) : (
            <ul className="story-cards">
              {page.items.map((s) => (
                <li key={s.id} className="story-card" data-story={s.id}>
                  <article aria-labelledby={`story-${s.id}`}>
                    <h2 id={`story-${s.id}`} lang={CONTENT_LANG}>
                      {s.title}
                    </h2>
                    <p className="meta">
                      <time dateTime={s.reported_on}>{date(s.reported_on)}</time> · {orgName(s.organisation)}
                    </p>
                    <p lang={CONTENT_LANG}>{s.text}</p>
                    <p>
                      {t('stories.from')}{' '}
                      <Link to={`/initiatives/${s.initiative_id}`} lang={CONTENT_LANG}>
                        {s.initiative_title}
                      </Link>
                    </p>
                  </article>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}
