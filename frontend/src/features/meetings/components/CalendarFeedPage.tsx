/**
 * Subscribe to the meetings in Outlook or Google Calendar. Signed-in people get a personal address
 * (it carries a secret, so it shows the meetings they may see; making a new one retires the old);
 * everyone else can subscribe to the public meetings.
 */
import '../meetings.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { SelectField } from '@/components/form';
import { useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Alert } from '@/components/Alert';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { bodiesQuery, useRotateFeedToken } from '../api';

function webcal(url: string): string {
  return url.replace(/^https?:/, 'webcal:');
}

function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="form-group copy-field">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="form-input feed-url" readOnly value={value} onFocus={(e) => e.target.select()} data-feed-url />
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() =>
            void navigator.clipboard?.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t('feed.copy')}
        </button>
        <a className="button button-tertiary button-small" href={webcal(value)}>
          {t('feed.openInApp')}
        </a>
        <span role="status" className="meta">
          {copied ? t('feed.copied') : ''}
        </span>
      </div>
    </div>
  );
}

export function CalendarFeedPage() {
  const { t } = useI18n();
  const { status } = useAuth();
  useDocumentTitle(t('feed.title'));
  const rotate = useRotateFeedToken();
  const bodies = useQuery(bodiesQuery());
  const [bodyId, setBodyId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const publicUrl = `${window.location.origin}/api/v1/calendar/meetings.ics`;
  const feed = rotate.data;
  return (
    <section className="calendar-feed">
      <Breadcrumbs trail={[{ label: t('meetings.title'), to: '/meetings' }, { label: t('feed.title') }]} />
      <h1>{t('feed.title')}</h1>
      <p className="font-lead">{t('feed.intro')}</p>
      {status === 'signed-in' ? (
        <section aria-labelledby="personal-feed">
          <h2 id="personal-feed">{t('feed.personal')}</h2>
          <p>{t('feed.personalText')}</p>
          {feed ? (
            <>
              <Alert kind="success">{t('feed.made')}</Alert>
              <CopyField id="feed-all" label={t('feed.allMeetings')} value={feed.meetings_url} />
              <SelectField
                id="feed-body"
                label={t('feed.oneBody')}
                value={bodyId}
                onChange={(e) => setBodyId(e.target.value)}
                options={[{ value: '', label: t('form.choose') }, ...(bodies.data?.items ?? []).map((b) => ({ value: String(b.id), label: b.name }))]}
              />
              {bodyId && <CopyField id="feed-one" label={t('feed.bodyAddress')} value={feed.body_url_template.replace('{body_id}', bodyId)} />}
            </>
          ) : (
            <p className="form-hint">{t('feed.newRetiresOld')}</p>
          )}
          {error && (
            <Alert kind="error">{error}</Alert>
          )}
          <button
            type="button"
            className={feed ? 'button button-secondary' : 'button button-primary'}
            disabled={rotate.isPending}
            onClick={() =>
              rotate.mutate(undefined, {
                onSuccess: () => setError(null),
                onError: (e) => setError(isProblemError(e) ? e.message : t('state.error.network')),
              })
            }
          >
            {feed ? t('feed.makeNew') : t('feed.make')}
          </button>
        </section>
      ) : (
        <section aria-labelledby="public-feed">
          <h2 id="public-feed">{t('feed.public')}</h2>
          <p>
            {t('feed.publicText')} <Link to={`/login?next=${encodeURIComponent('/meetings/calendar-feed')}`}>{t('feed.signInForPersonal')}</Link>
          </p>
          <CopyField id="feed-public" label={t('feed.publicAddress')} value={publicUrl} />
        </section>
      )}
      <section aria-labelledby="howto-outlook">
        <h2 id="howto-outlook">{t('feed.outlook')}</h2>
        <ol>
          <li>{t('feed.outlook.1')}</li>
          <li>{t('feed.outlook.2')}</li>
          <li>{t('feed.outlook.3')}</li>
          <li>{t('feed.outlook.4')}</li>
        </ol>
        <p className="meta">{t('feed.outlook.desktop')}</p>
      </section>
      <section aria-labelledby="howto-google">
        <h2 id="howto-google">{t('feed.google')}</h2>
        <ol>
          <li>{t('feed.google.1')}</li>
          <li>{t('feed.google.2')}</li>
          <li>{t('feed.google.3')}</li>
        </ol>
        <p className="meta">{t('feed.google.refresh')}</p>
      </section>
      <p className="meta">{t('feed.keepSecret')}</p>
    </section>
  );
}
