import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, QueryView, useDocumentTitle } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { goalTreeQuery } from '../api';
import { VisibilityTag } from './VisibilityTag';

export function GoalTreePage() {
  const { t } = useI18n();
  useDocumentTitle(t('goals.title'));
  const query = useQuery(goalTreeQuery());
  return (
    <section>
      <h1>{t('goals.title')}</h1>
      <p className="font-lead">{t('goals.intro')}</p>
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('goals.empty')}</EmptyState>
          ) : (
            <ol className="goal-tree nobullet-list no-max-width" aria-label={t('goals.title')}>
              {page.items.map((goal) => (
                <li key={goal.id} className="goal-node">
                  <h2 className="goal-heading">
                    <Link to={`/goals/${goal.id}`} className="goal-link">
                      <span className="goal-code">{goal.code}</span>{' '}
                      <span lang={CONTENT_LANG}>{goal.title}</span>
                    </Link>
                  </h2>
                  <p className="meta">
                    {t('goals.subCount', { count: goal.sub_objectives?.length ?? 0 })}{' '}
                    <VisibilityTag visibility={goal.visibility} />
                  </p>
                  {(goal.sub_objectives?.length ?? 0) > 0 && (
                    <ol className="sub-objectives nobullet-list" aria-label={t('goals.code', { code: goal.code })}>
                      {goal.sub_objectives!.map((sub) => (
                        <li key={sub.id}>
                          <Link to={`/goals/${sub.id}`} className="goal-link">
                            <span className="goal-code">{sub.code}</span>{' '}
                            <span lang={CONTENT_LANG}>{sub.title}</span>
                          </Link>
                        </li>
                      ))}
                    </ol>
                  )}
                </li>
              ))}
            </ol>
          )
        }
      </QueryView>
    </section>
  );
}
