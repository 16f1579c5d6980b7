/**
 * Link an agenda item or a decision to what it is about. The kinds come from the API (whatever can be
 * linked now, so a kind another team adds appears by itself); targets are found by title, or by
 * number for a kind that cannot be searched.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { CONTENT_LANG } from '@/components/RichText';
import { useI18n } from '@/lib/i18n';
import { linkKindsQuery, linkTargetsQuery, type LinkIn, type LinkPublic, type LinkTargetType } from '../api';
import { useKindLabel } from './links';

export type PickedLink = LinkIn & { title?: string | null };

export function toPicked(links: LinkPublic[]): PickedLink[] {
  return links.map((l) => ({ target_type: l.target_type, target_id: l.target_id, title: l.title }));
}

export function LinkPicker({
  value,
  onChange,
  error,
  legend,
}: {
  value: PickedLink[];
  onChange: (next: PickedLink[]) => void;
  error?: string;
  legend?: string;
}) {
  const { t } = useI18n();
  const label = useKindLabel();
  const id = useId();
  const kinds = useQuery(linkKindsQuery());
  const available = kinds.data?.items ?? [];
  const [kind, setKind] = useState<LinkTargetType | ''>('');
  const [q, setQ] = useState('');
  const [byNumber, setByNumber] = useState('');
  const chosen = available.find((k) => k.target_type === kind);
  const targets = useQuery({ ...linkTargetsQuery(kind as LinkTargetType, q.trim()), enabled: Boolean(chosen?.searchable) });
  const has = (type: string, targetId: number) => value.some((l) => l.target_type === type && l.target_id === targetId);
  const add = (link: PickedLink) => {
    if (!has(link.target_type, link.target_id)) onChange([...value, link]);
  };
  return (
    <fieldset className={error ? 'form-group form-error link-picker' : 'form-group link-picker'} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="form-label">{legend ?? t('links.legend')}</legend>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      {value.length > 0 ? (
        <ul className="picked-links nobullet-list">
          {value.map((l) => (
            <li key={`${l.target_type}-${l.target_id}`} data-picked={`${l.target_type}:${l.target_id}`}>
              <span className="link-kind">{label(l.target_type)}:</span>{' '}
              <span lang={CONTENT_LANG}>{l.title ?? `#${l.target_id}`}</span>{' '}
              <button
                type="button"
                className="button button-tertiary button-small"
                onClick={() => onChange(value.filter((x) => x !== l))}
                aria-label={t('links.remove', { title: l.title ?? `#${l.target_id}` })}
              >
                {t('links.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="form-hint">{t('links.none')}</p>
      )}
      <div className="link-add">
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-kind`}>
            {t('links.kind')}
          </label>
          <select id={`${id}-kind`} className="form-select" value={kind} onChange={(e) => setKind(e.target.value as LinkTargetType)}>
            <option value="">{t('form.choose')}</option>
            {available.map((k) => (
              <option key={k.target_type} value={k.target_type}>
                {label(k.target_type)}
              </option>
            ))}
          </select>
        </div>
        {chosen?.searchable && (
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-q`}>
              {t('links.search', { kind: label(chosen.target_type).toLowerCase() })}
            </label>
            <input id={`${id}-q`} type="search" className="form-input" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
        )}
        {chosen && !chosen.searchable && (
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-n`}>
              {t('links.byNumber')}
            </label>
            <input id={`${id}-n`} className="form-input input-width-s" inputMode="numeric" value={byNumber} onChange={(e) => setByNumber(e.target.value)} />
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={!/^\d+$/.test(byNumber)}
              onClick={() => add({ target_type: chosen.target_type, target_id: Number(byNumber), title: null })}
            >
              {t('links.add')}
            </button>
          </div>
        )}
      </div>
      {chosen?.searchable && (
        <ul className="link-results nobullet-list" aria-live="polite" aria-label={t('links.results')}>
          {(targets.data?.items ?? []).map((target) => (
            <li key={target.target_id}>
              <button
                type="button"
                className="button button-tertiary link-result"
                disabled={has(target.target_type, target.target_id)}
                onClick={() => add({ target_type: target.target_type, target_id: target.target_id, title: target.title })}
              >
                <span className="sr-only">{t('links.add')}: </span>
                <span lang={CONTENT_LANG}>{target.title}</span>
              </button>
            </li>
          ))}
          {targets.data && targets.data.items.length === 0 && <li className="meta">{t('links.noResults')}</li>}
        </ul>
      )}
    </fieldset>
  );
}
