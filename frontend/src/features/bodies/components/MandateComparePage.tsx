/**
 * Two versions of a kommissorium side by side, field by field; the newer column marks what changed
 * (removed words struck through, added words underlined). The versions are in the address, so a
 * comparison can be sent to someone.
 */
import '../bodies.css';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { DiffView } from '@/components/DiffView';
import { CONTENT_LANG } from '@/components/RichText';
import { ScrollTable } from '@/components/ScrollTable';
import { SelectField } from '@/components/form';
import { EmptyState, NotFound, QueryView, Skeleton, useDocumentTitle } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { bodyQuery, MANDATE_FIELDS, mandatesQuery, type Body, type Mandate } from '../api';
import { MandateStatusTag, useBodyTrail } from './bits';
import { parseId } from './BodyPage';

export function MandateComparePage() {
  const bodyId = parseId(useParams().bodyId);
  const body = useQuery({ ...bodyQuery(bodyId ?? 0), enabled: bodyId !== null });
  const versions = useQuery({ ...mandatesQuery(bodyId ?? 0), enabled: bodyId !== null });
  if (bodyId === null) return <NotFound />;
  return (
    <QueryView query={body} skeleton={<Skeleton lines={6} />}>
      {(b) => (
        <QueryView query={versions} skeleton={<Skeleton rows={6} lines={1} />}>
          {(page) => <Compare body={b} versions={page.items} />}
        </QueryView>
      )}
    </QueryView>
  );
}

/** The two versions to show: from the address, else the newest against the one before it. */
export function pickVersions(versions: Mandate[], a: number | null, b: number | null): [Mandate?, Mandate?] {
  const byId = (id: number | null) => versions.find((m) => m.id === id);
  const newest = [...versions].sort((x, y) => y.number - x.number);
  const right = byId(b) ?? newest[0];
  const left = byId(a) ?? newest.find((m) => m.id !== right?.id);
  return [left, right];
}

function Compare({ body, versions }: { body: Body; versions: Mandate[] }) {
  const { t } = useI18n();
  const trail = useBodyTrail();
  const [params, setParams] = useSearchParams();
  const title = t('mandates.compareTitle');
  useDocumentTitle(`${title} – ${body.name}`);
  const [left, right] = pickVersions(versions, parseId(params.get('a') ?? undefined), parseId(params.get('b') ?? undefined));
  const options = [...versions]
    .sort((x, y) => x.number - y.number)
    .map((m) => ({ value: String(m.id), label: `${t('mandates.versionNumber', { number: m.number })} (${t(`mandates.status.${m.status}`)})` }));
  const choose = (key: 'a' | 'b') => (e: { target: { value: string } }) => {
    const next = new URLSearchParams(params);
    next.set('a', String(left?.id ?? ''));
    next.set('b', String(right?.id ?? ''));
    next.set(key, e.target.value);
    setParams(next, { replace: true });
  };
  return (
    <section className="mandate-compare">
      <Breadcrumbs trail={trail(body, title)} />
      <h1>{title}</h1>
      <p className="font-lead" lang={CONTENT_LANG}>
        {body.name}
      </p>
      {versions.length < 2 || !left || !right ? (
        <EmptyState>{t('mandates.compareNeedsTwo')}</EmptyState>
      ) : (
        <>
          <div className="compare-pickers">
            <SelectField id="compare-a" label={t('mandates.compareFrom')} value={String(left.id)} onChange={choose('a')} options={options} />
            <SelectField id="compare-b" label={t('mandates.compareTo')} value={String(right.id)} onChange={choose('b')} options={options} />
          </div>
          <ScrollTable label={title}>
            <table className="table compare-table">
              <thead>
                <tr>
                  <th scope="col">{t('mandates.field')}</th>
                  {[left, right].map((m) => (
                    <th scope="col" key={m.id}>
                      {t('mandates.versionNumber', { number: m.number })} <MandateStatusTag status={m.status} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {MANDATE_FIELDS.map((f) => (
                  <tr key={f} data-field={f} data-changed={(left[f] ?? '') !== (right[f] ?? '') ? 'yes' : 'no'}>
                    <th scope="row">{t(`mandates.field.${f}`)}</th>
                    <td lang={CONTENT_LANG} className="compare-old">
                      {left[f] ?? <em className="meta">{t('conflict.empty')}</em>}
                    </td>
                    <td className="compare-new">
                      <DiffView before={left[f] ?? ''} after={right[f] ?? ''} sameText />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}
    </section>
  );
}
