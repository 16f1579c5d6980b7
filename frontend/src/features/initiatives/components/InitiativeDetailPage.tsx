import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { ErrorSummary, SelectField, TextArea, TextField } from '@/components/form';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, ErrorState, NotFound, QueryView, useDocumentTitle } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { fieldErrors, isProblemError } from '@/lib/problem';
import {
  goalTreeQuery,
  indicatorNamesQuery,
  initiativeQuery,
  milestonesQuery,
  progressQuery,
  useCreateMilestone,
  useCreateProgress,
  useUpdateMilestone,
  type Milestone,
  type Initiative,
  type StatusColour,
} from '../api';
import { ColourBadge, StatusTag, useOrgName } from './bits';

export function parseId(raw: string | undefined): number | null {
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}

export function InitiativeDetailPage() {
  const id = parseId(useParams().initiativeId);
  if (id === null) return <NotFound />;
  return <InitiativeDetail id={id} />;
}

function InitiativeDetail({ id }: { id: number }) {
  const query = useQuery(initiativeQuery(id));
  const { t } = useI18n();
  useDocumentTitle(query.data?.title ?? t('initiatives.title'));
  return <QueryView query={query}>{(i) => <InitiativeView initiative={i} />}</QueryView>;
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="goal-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function InitiativeView({ initiative: i }: { initiative: Initiative }) {
  const { t, date, number, locale } = useI18n();
  const can = useCan();
  const orgName = useOrgName();
  const goals = useQuery(goalTreeQuery());
  const goalOf = new Map(
    (goals.data?.items ?? []).flatMap((g) => [[g.code, g] as const, ...(g.sub_objectives ?? []).map((s) => [s.code, s] as const)]),
  );
  const indicators = useQuery(indicatorNamesQuery());
  const indicatorName = (code: string) => {
    const found = indicators.data?.items.find((x) => x.code === code);
    return found ? (locale === 'da' ? found.name_da : found.name_en) : code;
  };
  const reporters = [i.lead, ...i.partners].filter((o) => can(Permission.report, o));
  return (
    <article className="initiative-detail">
      <Breadcrumbs trail={[{ to: '/initiatives', label: t('initiatives.title') }, { label: i.title }]} />
      <header className="page-header">
        <p className="goal-kicker">
          <StatusTag status={i.status} /> {i.phase !== null && t('initiatives.phase', { phase: i.phase })}
        </p>
        <h1 lang={CONTENT_LANG}>{i.title}</h1>
        {i.summary && (
          <p className="font-lead" lang={CONTENT_LANG}>
            {i.summary}
          </p>
        )}
        <p>
          <ColourBadge colour={i.last_status_colour} />{' '}
          {i.last_reported_on && <span className="meta">{t('initiatives.lastReport', { date: date(i.last_reported_on) })}</span>}
        </p>
        {can(Permission.edit, i.lead) && (
          <p>
            <Link to={`/initiatives/${i.id}/edit`} className="button button-secondary">
              {t('initiatives.edit')}
            </Link>
          </p>
        )}
      </header>

      <dl className="figure-list initiative-facts">
        <dt>{t('initiatives.lead')}</dt>
        <dd>{orgName(i.lead)}</dd>
        <dt>{t('initiatives.partners')}</dt>
        <dd>{i.partners.length ? i.partners.map(orgName).join(', ') : t('initiatives.noPartners')}</dd>
        <dt>{t('initiatives.period')}</dt>
        <dd>
          {t('initiatives.dates', {
            from: i.starts_on ? date(i.starts_on) : '–',
            to: i.ends_on ? date(i.ends_on) : t('initiatives.openEnded'),
          })}
        </dd>
        {i.levels.length > 0 && (
          <>
            <dt>{t('initiatives.levels')}</dt>
            <dd>{i.levels.map((l) => t(`initiatives.level.${l}`)).join(', ')}</dd>
          </>
        )}
        {i.target_group && (
          <>
            <dt>{t('initiatives.targetGroup')}</dt>
            <dd lang={CONTENT_LANG}>{i.target_group}</dd>
          </>
        )}
        {i.budget_dkk !== null && (
          <>
            <dt>{t('initiatives.budget')}</dt>
            <dd>{t('initiatives.budgetValue', { amount: number(i.budget_dkk, 0) })}</dd>
          </>
        )}
        {i.funding_source && (
          <>
            <dt>{t('initiatives.funding')}</dt>
            <dd lang={CONTENT_LANG}>{i.funding_source}</dd>
          </>
        )}
        {i.status_reason && (
          <>
            <dt>{t('initiatives.statusReason')}</dt>
            <dd lang={CONTENT_LANG}>{i.status_reason}</dd>
          </>
        )}
        {i.tags.length > 0 && (
          <>
            <dt>{t('initiatives.tags')}</dt>
            <dd>
              {i.tags.map((tag) => (
                <Link key={tag} to={`/initiatives?tag=${encodeURIComponent(tag)}`} className="tag tag-link">
                  {tag}
                </Link>
              ))}
            </dd>
          </>
        )}
      </dl>

      {i.description_html && (
        <Section id="ini-description" title={t('initiatives.description')}>
          {/* Rendered and sanitised by the server (description_html is the safe HTML of the Markdown). */}
          <div className="rich-text" lang={CONTENT_LANG} dangerouslySetInnerHTML={{ __html: i.description_html }} />
        </Section>
      )}

      <Section id="ini-goals" title={t('initiatives.goals')}>
        <ul>
          {i.goals.map((g) => (
            <li key={g}>
              {goalOf.has(g) ? (
                <Link to={`/goals/${goalOf.get(g)!.id}`}>
                  <span className="goal-code">{g}</span> <span lang={CONTENT_LANG}>{goalOf.get(g)!.title}</span>
                </Link>
              ) : (
                t('goals.code', { code: g })
              )}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="ini-indicators" title={t('initiatives.indicators')}>
        {i.indicators.length === 0 ? (
          <EmptyState>{t('initiatives.noIndicators')}</EmptyState>
        ) : (
          <ul>
            {i.indicators.map((l) => (
              <li key={l.indicator}>
                <Link to={`/indicators/${l.indicator}`}>{indicatorName(l.indicator)}</Link> – {t(`initiatives.expected.${l.expected_direction}`)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="ini-milestones" title={t('initiatives.milestones')}>
        <Milestones id={i.id} canEdit={can(Permission.edit, i.lead)} />
      </Section>

      <Section id="ini-progress" title={t('initiatives.progress')}>
        {reporters.length > 0 && <ProgressForm initiative={i} organisations={reporters} />}
        <Timeline id={i.id} />
      </Section>
    </article>
  );
}

/** Today in Copenhagen as YYYY-MM-DD. */
function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

function Milestones({ id, canEdit }: { id: number; canEdit: boolean }) {
  const { t, date } = useI18n();
  const query = useQuery(milestonesQuery(id));
  const update = useUpdateMilestone(id);
  const [failure, setFailure] = useState<string | null>(null);
  const reach = async (m: Milestone) => {
    setFailure(null);
    try {
      await update.mutateAsync({ milestone: m, body: { done_on: today() } });
    } catch (error) {
      setFailure(isProblemError(error, 412) ? t('initiatives.milestone.changed') : isProblemError(error) ? error.message : t('state.error.network'));
    }
  };
  return (
    <>
      {failure && <ErrorSummary errors={{}} message={failure} />}
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('initiatives.milestones.none')}</EmptyState>
          ) : (
            <ul className="milestones">
              {page.items.map((m) => (
                <li key={m.id} data-milestone={m.id}>
                  <span lang={CONTENT_LANG}>{m.title}</span>{' '}
                  <span className="meta">
                    {m.done_on ? t('initiatives.milestone.done', { date: date(m.done_on) }) : m.due_on ? t('initiatives.milestone.due', { date: date(m.due_on) }) : ''}
                  </span>
                  {canEdit && !m.done_on && (
                    <>
                      {' '}
                      <button type="button" className="button button-tertiary button-small" disabled={update.isPending} onClick={() => void reach(m)}>
                        {t('initiatives.milestone.reach', { title: m.title })}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      {canEdit && <MilestoneForm id={id} />}
    </>
  );
}

function MilestoneForm({ id }: { id: number }) {
  const { t } = useI18n();
  const create = useCreateMilestone(id);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    if (!title.trim()) return setErrors({ title: t('form.required') });
    setErrors({});
    try {
      await create.mutateAsync({ title: title.trim(), due_on: due || null });
      setTitle('');
      setDue('');
    } catch (error) {
      if (isProblemError(error)) {
        setErrors(fieldErrors(error.problem));
        setMessage(error.message);
      } else setMessage(t('state.error.network'));
    }
  }
  return (
    <form onSubmit={submit} noValidate className="milestone-form" aria-labelledby="milestone-form-heading">
      <h3 id="milestone-form-heading" className="h5">
        {t('initiatives.milestone.add')}
      </h3>
      {message && <ErrorSummary errors={{}} message={message} />}
      <TextField id="milestone-title" label={t('initiatives.milestone.title')} value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} className="form-input input-width-xl" />
      <TextField id="milestone-due" type="date" label={t('initiatives.milestone.dueOn')} value={due} onChange={(e) => setDue(e.target.value)} error={errors.due_on} className="form-input input-width-s" />
      <button type="submit" className="button button-secondary" disabled={create.isPending}>
        {t('initiatives.milestone.add')}
      </button>
    </form>
  );
}

function Timeline({ id }: { id: number }) {
  const { t, date, percent } = useI18n();
  const orgName = useOrgName();
  const query = useQuery(progressQuery(id));
  return (
    <QueryView query={query}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>{t('initiatives.progress.none')}</EmptyState>
        ) : (
          <ol className="progress-timeline nobullet-list" aria-label={t('initiatives.progress')}>
            {page.items.map((p) => (
              <li key={p.id} className="progress-item" data-colour={p.status_colour}>
                <h3 className="h5 progress-heading">
                  <ColourBadge colour={p.status_colour} />{' '}
                  <span className="meta">
                    {t('initiatives.progress.by', { date: date(p.reported_on), organisation: orgName(p.organisation), author: p.author_name })}
                  </span>
                </h3>
                {p.percent_complete !== null && <p className="meta">{t('initiatives.progress.percent', { percent: percent(p.percent_complete / 100, 0) })}</p>}
                <p lang={CONTENT_LANG} className="progress-narrative">
                  {p.narrative}
                </p>
                {p.is_story && p.story_title && (
                  <blockquote className="story" lang={CONTENT_LANG}>
                    <strong>
                      {t('initiatives.progress.story')}: {p.story_title}
                    </strong>
                    {p.story_text && <p>{p.story_text}</p>}
                  </blockquote>
                )}
              </li>
            ))}
          </ol>
        )
      }
    </QueryView>
  );
}

const COLOURS: StatusColour[] = ['green', 'yellow', 'red'];

function ProgressForm({ initiative, organisations }: { initiative: Initiative; organisations: string[] }) {
  const { t } = useI18n();
  const orgName = useOrgName();
  const create = useCreateProgress(initiative.id);
  const [open, setOpen] = useState(false);
  const [colour, setColour] = useState<StatusColour>('green');
  const [narrative, setNarrative] = useState('');
  const [pct, setPct] = useState('');
  const [org, setOrg] = useState(organisations[0]!);
  const [story, setStory] = useState(false);
  const [storyTitle, setStoryTitle] = useState('');
  const [storyText, setStoryText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    setMessage(null);
    const found: Record<string, string> = {};
    if (!narrative.trim()) found.narrative = t('form.required');
    if (story && !storyTitle.trim()) found.story_title = t('form.required');
    if (story && !storyText.trim()) found.story_text = t('form.required');
    const percentValue = pct.trim() === '' ? null : Number(pct);
    if (percentValue !== null && (!Number.isInteger(percentValue) || percentValue < 0 || percentValue > 100)) found.percent_complete = t('observations.enter.invalidNumber');
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await create.mutateAsync({
        status_colour: colour,
        narrative: narrative.trim(),
        percent_complete: percentValue,
        organisation: org,
        is_story: story,
        story_title: story ? storyTitle.trim() : null,
        story_text: story ? storyText.trim() : null,
      });
      setStory(false);
      setStoryTitle('');
      setStoryText('');
      setNarrative('');
      setPct('');
      setSaved(true);
      setOpen(false);
    } catch (error) {
      if (isProblemError(error)) {
        setErrors(fieldErrors(error.problem));
        setMessage(error.message);
      } else setMessage(t('state.error.network'));
    }
  }

  return (
    <div className="progress-form">
      {saved && (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{t('initiatives.progress.saved')}</p>
          </div>
        </div>
      )}
      {!open ? (
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          {t('initiatives.progress.add')}
        </button>
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="progress-form-heading">
          <h3 id="progress-form-heading">{t('initiatives.progress.add')}</h3>
          <ErrorSummary errors={errors} fieldIds={{
              narrative: 'progress-narrative',
              percent_complete: 'progress-percent',
              status_colour: 'progress-colour',
              story_title: 'progress-story-title',
              story_text: 'progress-story-text',
            }} message={message} />
          {organisations.length > 1 && (
            <SelectField
              id="progress-org"
              label={t('initiatives.progress.organisation')}
              value={org}
              onChange={(e) => setOrg(e.target.value)}
              options={organisations.map((o) => ({ value: o, label: orgName(o) }))}
              error={errors.organisation}
            />
          )}
          <SelectField
            id="progress-colour"
            label={t('initiatives.progress.colour')}
            value={colour}
            onChange={(e) => setColour(e.target.value as StatusColour)}
            options={COLOURS.map((c) => ({ value: c, label: t(`initiatives.colour.${c}`) }))}
            error={errors.status_colour}
          />
          <TextArea id="progress-narrative" label={t('initiatives.progress.narrative')} value={narrative} onChange={(e) => setNarrative(e.target.value)} error={errors.narrative} rows={4} />
          <TextField
            id="progress-percent"
            label={t('initiatives.progress.percentField')}
            value={pct}
            onChange={(e) => setPct(e.target.value)}
            error={errors.percent_complete}
            inputMode="numeric"
            className="form-input input-width-xs"
          />
          <div className="form-group-checkbox story-check">
            <input type="checkbox" className="form-checkbox" id="progress-story" checked={story} onChange={(e) => setStory(e.target.checked)} />
            <label htmlFor="progress-story">{t('initiatives.progress.isStory')}</label>
          </div>
          {story && (
            <>
              <TextField
                id="progress-story-title"
                label={t('initiatives.progress.storyTitle')}
                value={storyTitle}
                onChange={(e) => setStoryTitle(e.target.value)}
                error={errors.story_title}
                className="form-input input-width-xl"
              />
              <TextArea
                id="progress-story-text"
                label={t('initiatives.progress.storyText')}
                hint={t('initiatives.progress.storyHint')}
                value={storyText}
                onChange={(e) => setStoryText(e.target.value)}
                error={errors.story_text}
                rows={4}
              />
            </>
          )}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              {create.isPending ? t('form.saving') : t('initiatives.progress.submit')}
            </button>
            <button type="button" className="button button-tertiary" onClick={() => setOpen(false)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      )}
      {create.isError && !message && <ErrorState error={create.error} />}
    </div>
  );
}
