/** PDF, XLSX and JSON of either edition, saved by the browser; a failed download says so. */
import { useState } from 'react';
import { useI18n } from '@/lib/i18n';
import { downloadReport, type DocumentFormat, type Edition, type Report } from '../api';

export function Downloads({ report, edition }: { report: Report; edition: Edition }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState<DocumentFormat | null>(null);
  const get = (format: DocumentFormat) => {
    setFailed(false);
    setBusy(format);
    downloadReport(report, format, edition)
      .catch(() => setFailed(true))
      .finally(() => setBusy(null));
  };
  return (
    <p className="button-row downloads">
      {(['pdf', 'xlsx', 'json'] as const).map((format) => (
        <button key={format} type="button" className="button button-secondary" disabled={busy !== null} onClick={() => get(format)}>
          {busy === format ? t('reports.download.busy') : t(`reports.download.${format}`)}
        </button>
      ))}
      {failed && (
        <span role="alert" className="form-error-message">
          {t('state.error.unexpected')}
        </span>
      )}
    </p>
  );
}
