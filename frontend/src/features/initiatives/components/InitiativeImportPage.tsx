/** Import initiatives from CSV or XLSX: a dry run first, shown row by row; only a valid file can then
 * be imported for real. The export's columns import again unchanged. */
import { ScrollTable } from '@/components/ScrollTable';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { FilePicker } from '@/components/FilePicker';
import { ErrorSummary } from '@/components/form';
import { ImportErrors } from '@/components/ImportErrors';
import { NotFound, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { isProblemError, type FieldError } from '@/lib/problem';
import { initiativeKeys } from '../api';
import { importInitiatives, type ImportSummary } from '../plans-api';

export function InitiativeImportPage() {
  const { status } = useAuth();
  const can = useCan();
  const location = useLocation();
  const { t } = useI18n();
  useDocumentTitle(t('import.title'));
  if (status === 'anonymous') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!can(Permission.edit)) return <NotFound />;
  return <ImportForm />;
}

function ImportForm() {
  const { t, number } = useI18n();
  const queryClient = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [errors, setErrors] = useState<FieldError[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  async function run(dryRun: boolean) {
    if (!file) {
      setFileError(t('observations.import.chooseFile'));
      input.current?.focus();
      return;
    }
    setFileError(null);
    setMessage(null);
    setErrors(null);
    setSummary(null);
    setBusy(true);
    try {
      const result = await importInitiatives(file, dryRun);
      setSummary(result);
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: initiativeKeys.all });
    } catch (e) {
      if (isProblemError(e) && e.problem.errors.length) {
        setErrors(e.problem.errors);
        setMessage(e.message);
      } else setMessage(isProblemError(e) ? e.message : t('state.error.network'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="initiative-import">
      <Breadcrumbs trail={[{ to: '/initiatives', label: t('initiatives.title') }, { label: t('import.title') }]} />
      <h1>{t('import.title')}</h1>
      <p>{t('import.intro')}</p>
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <FilePicker
          id={inputId}
          label={t('observations.import.file')}
          error={fileError}
          inputRef={input}
          onChange={(file) => {
            setFile(file);
            setSummary(null);
            setErrors(null);
          }}
        />
        <div className="button-row">
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t('observations.import.check')}
          </button>
          {summary?.dry_run && (
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(false)}>
              {t('observations.import.confirm', { rows: summary.rows })}
            </button>
          )}
        </div>
      </form>
      {errors && (
        <div className="alert alert-error import-summary" role="alert" data-valid="false">
          <div className="alert-body">
            <h2 className="alert-heading">{t('observations.import.dryRunTitle')}</h2>
            <p className="alert-text">{message}</p>
            <p className="alert-text">{t('observations.import.invalid', { count: errors.length })}</p>
            <ImportErrors errors={errors} />
          </div>
        </div>
      )}
      {!errors && message && <ErrorSummary errors={{}} message={message} />}
      {summary && (
        <div className={`alert ${summary.dry_run ? 'alert-info' : 'alert-success'} import-summary`} role="status" data-valid="true">
          <div className="alert-body">
            <h2 className="alert-heading">{summary.dry_run ? t('observations.import.dryRunTitle') : t('observations.import.doneTitle')}</h2>
            {summary.dry_run && <p className="alert-text">{t('observations.import.valid')}</p>}
            <p className="alert-text">
              {t('import.counts', { rows: summary.rows, created: number(summary.created), updated: number(summary.updated), unchanged: number(summary.unchanged) })}
            </p>
            <ScrollTable label={t('import.resultsCaption')}>
              <table className="table table--compact import-results">
                <caption>{t('import.resultsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('observations.import.row')}</th>
                    <th scope="col">external_id</th>
                    <th scope="col">{t('import.outcome')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.results.map((r) => (
                    <tr key={r.row} data-outcome={r.outcome}>
                      <td className="num">{r.row}</td>
                      <td>{r.id ? <Link to={`/initiatives/${r.id}`}>{r.external_id}</Link> : <code>{r.external_id}</code>}</td>
                      <td>{t(`import.outcome.${r.outcome as 'created' | 'updated' | 'unchanged'}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </div>
        </div>
      )}
    </section>
  );
}
