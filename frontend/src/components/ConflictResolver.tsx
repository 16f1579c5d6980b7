/**
 * The 412 "someone else changed it" dialog, reusable by every edit form:
 * shows the server's current text next to the user's own, and offers
 * "use the saved version" or "keep mine and save again". It never touches the form's state itself.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';

export interface ConflictField {
  name: string;
  label: string;
  mine: string;
  theirs: string;
}

/** Fields whose text differs (all of them if none differ, so the user still sees what was saved). */
export function differingFields(fields: ConflictField[]): ConflictField[] {
  const differ = fields.filter((f) => f.mine !== f.theirs);
  return differ.length ? differ : fields;
}

export function ConflictResolver({
  fields,
  theirsVersion,
  onReload,
  onKeepMine,
  busy = false,
  title,
}: {
  fields: ConflictField[];
  theirsVersion: number;
  onReload: () => void;
  onKeepMine: () => void;
  busy?: boolean;
  title?: string;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const shown = differingFields(fields);
  return (
    <div className="alert alert-warning conflict" role="alert" tabIndex={-1} ref={ref} aria-labelledby="conflict-title">
      <div className="alert-body">
        <h2 className="alert-heading" id="conflict-title">
          {title ?? t('conflict.title')}
        </h2>
        <p className="alert-text">{t('conflict.intro')}</p>
        <div className="table--responsive-scroll">
          <table className="table conflict-table">
            <thead>
              <tr>
                <th scope="col">{t('conflict.field')}</th>
                <th scope="col">{t('conflict.mine')}</th>
                <th scope="col">{t('conflict.theirs', { version: theirsVersion })}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((f) => (
                <tr key={f.name} data-field={f.name}>
                  <th scope="row">{f.label}</th>
                  <td className="conflict-mine">{f.mine || <em>{t('conflict.empty')}</em>}</td>
                  <td className="conflict-theirs">{f.theirs || <em>{t('conflict.empty')}</em>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={onKeepMine} disabled={busy}>
            {t('conflict.keepMine')}
          </button>
          <button type="button" className="button button-secondary" onClick={onReload} disabled={busy}>
            {t('conflict.reload')}
          </button>
        </div>
      </div>
    </div>
  );
}

/**
 * An edit form's side of the 412 dance. `base` is the version being edited (it moves to the saved one
 * when the user takes theirs or keeps their own); `failed(error, fetchSaved)` opens the resolver on a
 * 412 and hands anything else to `report`; `resolver(...)` renders it while there is a conflict.
 */
export function useConflict<T extends { version: number }>(initial: T | undefined, report: (error: unknown) => void) {
  const [base, setBase] = useState<T | undefined>(initial);
  const [conflict, setConflict] = useState<T | null>(null);
  const failed = useCallback(
    async (error: unknown, fetchSaved?: () => Promise<T>) => {
      if (!isProblemError(error, 412) || !fetchSaved) return report(error);
      try {
        setConflict(await fetchSaved());
      } catch (again) {
        report(again);
      }
    },
    [report],
  );
  function resolver(options: {
    fields: (theirs: T) => ConflictField[];
    busy: boolean;
    title?: string;
    takeTheirs: (theirs: T) => void;
    keepMine: (theirs: T) => void;
  }) {
    if (!conflict) return null;
    return (
      <ConflictResolver
        title={options.title}
        fields={options.fields(conflict)}
        theirsVersion={conflict.version}
        busy={options.busy}
        onReload={() => {
          setBase(conflict);
          options.takeTheirs(conflict);
          setConflict(null);
        }}
        onKeepMine={() => {
          setBase(conflict);
          setConflict(null);
          options.keepMine(conflict);
        }}
      />
    );
  }
  return { base, conflict, failed, resolver };
}
