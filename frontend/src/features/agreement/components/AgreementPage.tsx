import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CONTENT_LANG, RichText } from '@/components/RichText';
import { EmptyState, QueryView, Skeleton, useDocumentTitle } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { agreementQuery, standingBodiesQuery, type Agreement } from '../api';

export function AgreementPage() {
  const { t } = useI18n();
  const query = useQuery(agreementQuery());
  useDocumentTitle(query.data?.title ?? t('agreement.title'));
  return <QueryView query={query}>{(agreement) => <AgreementView agreement={agreement} />}</QueryView>;
}

function AgreementView({ agreement }: { agreement: Agreement }) {
  const { t, date } = useI18n();
  const principles = agreement.rules_of_play.principles ?? [];
  return (
    <article className="agreement">
      <header className="page-header">
        <h1 lang={CONTENT_LANG}>{agreement.title}</h1>
        {agreement.subtitle && <p className="font-lead" lang={CONTENT_LANG}>
            {agreement.subtitle}
          </p>}
        <p className="meta">
          {t('agreement.period', { from: date(agreement.starts_on), to: date(agreement.ends_on) })}
        </p>
      </header>

      <section aria-labelledby="vision" className="vision">
        <h2 id="vision">{t('agreement.vision')}</h2>
        <RichText text={agreement.vision} />
        <p>
          <Link to="/goals" className="button button-primary">
            {t('agreement.toGoals')}
          </Link>
        </p>
      </section>

      <section aria-labelledby="future-pictures">
        <h2 id="future-pictures">{t('agreement.futurePictures')}</h2>
        {agreement.future_pictures.length === 0 ? (
          <EmptyState />
        ) : (
          <ul className="card-list nobullet-list no-max-width">
            {agreement.future_pictures.map((picture, i) => (
              <li key={i} className="picture" lang={CONTENT_LANG}>
                <h3>{picture.title}</h3>
                <RichText text={picture.text} headingLevel={4} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="phases">
        <h2 id="phases">{t('agreement.phases')}</h2>
        {agreement.phases.length === 0 ? (
          <EmptyState />
        ) : (
          <ol className="phase-list">
            {agreement.phases.map((phase) => (
              <li key={phase.number} className="phase">
                <p className="phase-years">
                  <span className="phase-number">{t('agreement.phaseNumber', { number: phase.number })}</span>{' '}
                  {t('agreement.phaseYears', { from: phase.starts_year, to: phase.ends_year })}
                </p>
                <h3 lang={CONTENT_LANG}>{phase.title}</h3>
                <RichText text={phase.description} headingLevel={4} />
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="rules-of-play">
        <h2 id="rules-of-play">{t('agreement.rulesOfPlay')}</h2>
        <RichText text={agreement.rules_of_play.intro} />
        {principles.length > 0 ? (
          <ol className="principles" lang={CONTENT_LANG}>
            {principles.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ol>
        ) : (
          !agreement.rules_of_play.intro && <EmptyState />
        )}
      </section>

      <Organisation governance={agreement.governance} />

      {(agreement.description || agreement.effect || agreement.prioritisation) && (
        <section aria-labelledby="about">
          <h2 id="about">{t('agreement.about')}</h2>
          <RichText text={agreement.description} />
          {agreement.effect && (
            <>
              <h3>{t('agreement.effect')}</h3>
              <RichText text={agreement.effect} headingLevel={4} />
            </>
          )}
          {agreement.prioritisation && (
            <>
              <h3>{t('agreement.prioritisation')}</h3>
              <RichText text={agreement.prioritisation} headingLevel={4} />
            </>
          )}
        </section>
      )}
      <p className="meta">{t('agreement.version', { version: agreement.version })}</p>
    </article>
  );
}

/**
 * "Organisering": the standing bodies as the agreement describes them (their purpose and make-up live
 * in the body data), then the agreement's own text on the temporary working groups and mandates.
 */
function Organisation({ governance }: { governance: string | null }) {
  const { t } = useI18n();
  const bodies = useQuery(standingBodiesQuery());
  const standing = bodies.data ?? [];
  if (!governance && standing.length === 0 && !bodies.isPending) return null;
  // The agreement's own text opens with a sentence on the three levels, then has a section per topic.
  const split = governance ? governance.search(/^#{1,6}\s/m) : -1;
  const intro = governance && split > 0 ? governance.slice(0, split) : split === 0 ? null : governance;
  const sections = governance && split >= 0 ? governance.slice(split) : null;
  return (
    <section aria-labelledby="organisation" className="agreement-organisation">
      <h2 id="organisation">{t('agreement.governance')}</h2>
      <RichText text={intro} headingLevel={3} />
      {bodies.isPending ? (
        <Skeleton lines={4} />
      ) : (
        standing.map((b) => (
          <div key={b.id} className="standing-body" data-body={b.slug}>
            <h3 lang={CONTENT_LANG}>
              <Link to={`/bodies/${b.id}`}>{b.name}</Link>
            </h3>
            <RichText text={b.purpose} headingLevel={4} />
            <RichText text={b.description} headingLevel={4} />
          </div>
        ))
      )}
      <RichText text={sections} headingLevel={3} />
      <p>
        <Link to="/bodies">{t('agreement.toOrganisation')}</Link>
      </p>
    </section>
  );
}
