/**
 * Import observations from CSV or XLSX: a dry run first, its summary shown with every error by row and
 * column; only a valid file can then be imported for real. A progress bar shows the upload.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { FilePicker } from '@/components/FilePicker';
import { ErrorSummary } from '@/components/form';
import { ImportErrors } from '@/components/ImportErrors';
import { useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { isProblemError, type FieldError } from '@/lib/problem';
import { importObservations, indicatorKeys, type WriteSummary } from '../api';

/** What a dry run or an import did; errors as the API sends them (or as a refused import carried them). */
export function ImportSummary({ summary }: { summary: Omit<WriteSummary, 'errors'> & { errors?: FieldError[] } }) {
  const { t, number } = useI18n();
  const errorCount = (summary.errors ?? []).length;
  const kind = !summary.valid ? 'alert-error' : summary.dry_run ? 'alert-info' : 'alert-success';
  return (
    <div className={`alert ${kind} import-summary`} role={summary.valid ? 'status' : 'alert'} data-valid={summary.valid}>
      <div className="alert-body">
        <h2 className="alert-heading">{summary.dry_run ? t('observations.import.dryRunTitle') : t('observations.import.doneTitle')}</h2>
        <p className="alert-text">
          {summary.valid ? (summary.dry_run ? t('observations.import.valid') : '') : t('observations.import.invalid', { count: errorCount })}
        </p>
        <dl className="import-counts">
          <div>
            <dt>{t('observations.import.rows')}</dt>
            <dd>{number(summary.rows)}</dd>
          </div>
          <div>
            <dt>{t('observations.import.created')}</dt>
            <dd>{number(summary.created)}</dd>
          </div>
          <div>
            <dt>{t('observations.import.updated')}</dt>
            <dd>{number(summary.updated)}</dd>
          </div>
          <div>
            <dt>{t('observations.import.unchanged')}</dt>
            <dd>{number(summary.unchanged)}</dd>
          </div>
        </dl>
        <ImportErrors errors={summary.errors ?? []} />
      </div>
    </div>
  );
}

export function ImportPage() {
  const { status } = useAuth();
  const location = useLocation();
  const can = useCan();
  const { t } = useI18n();
  useDocumentTitle(t('observations.import.title'));
  if (status === 'anonymous') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!can(Permission.report)) {
    return (
      <section>
        <h1>{t('observations.import.title')}</h1>
        <div className="alert alert-warning" role="alert">
          <div className="alert-body">
            <p className="alert-text">{t('observations.enter.forbidden')}</p>
          </div>
        </div>
      </section>
    );
  }
  return <ImportForm />;
}

function ImportForm() {
  const { t, percent } = useI18n();
  const queryClient = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [summary, setSummary] = useState<(Omit<WriteSummary, 'errors'> & { errors?: FieldError[] }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  async function run(dryRun: boolean) {
    if (!file) {
      setFileError(t('observations.import.chooseFile'));
      input.current?.focus();
      return;
    }
    setFileError(null);
    setError(null);
    setBusy(true);
    setProgress(0);
    try {
      const result = await importObservations(file, dryRun, (loaded, total) => setProgress(total ? loaded / total : 0));
      setSummary(result);
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: indicatorKeys.all });
    } catch (e) {
      if (isProblemError(e) && e.problem.errors.length) {
        setSummary({ dry_run: dryRun, valid: false, rows: 0, created: 0, updated: 0, unchanged: 0, approved: 0, errors: e.problem.errors });
      } else setError(isProblemError(e) ? e.message : t('state.error.network'));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  const checked = summary?.dry_run && summary.valid;
  const finished = summary && !summary.dry_run && summary.valid;
  return (
    <section className="observation-import">
      <Breadcrumbs trail={[{ to: '/indicators', label: t('indicators.title') }, { label: t('observations.import.title') }]} />
      <h1>{t('observations.import.title')}</h1>
      <p>{t('observations.import.intro')}</p>
      {error && <ErrorSummary errors={{}} message={error} />}
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
          }}
        />
        {progress !== null && (
          <div className="upload-progress" role="status">
            <label htmlFor={`${inputId}-progress`}>{t('observations.import.uploading', { percent: percent(progress, 0) })}</label>
            <progress id={`${inputId}-progress`} max={1} value={progress} />
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t('observations.import.check')}
          </button>
          {checked && (
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(false)}>
              {t('observations.import.confirm', { rows: summary.rows })}
            </button>
          )}
        </div>
      </form>
      {summary && <ImportSummary summary={summary} />}
      {finished && (
        <p>
          <Link to="/indicators">{t('indicators.allLink')}</Link>
        </p>
      )}
    </section>
  );
}
