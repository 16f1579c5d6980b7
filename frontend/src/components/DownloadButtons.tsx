import { useState } from 'react';
import { useI18n, type MessageKey } from '@/lib/i18n';

export type DownloadFormat = 'csv' | 'xlsx';

/**
 * Download buttons, one per format (CSV and XLSX unless told otherwise). While one download runs the
 * buttons wait (a PDF takes seconds to make) and the pressed one says so; a failed download says so.
 */
export function DownloadButtons<F extends string = DownloadFormat>({
  download,
  labels,
  formats = ['csv', 'xlsx'] as F[],
}: {
  download: (format: F) => Promise<void>;
  labels: Record<F, MessageKey>;
  formats?: F[];
}) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState<F | null>(null);
  const get = (format: F) => {
    setFailed(false);
    setBusy(format);
    download(format)
      .catch(() => setFailed(true))
      .finally(() => setBusy(null));
  };
  return (
    <p className="button-row downloads">
      {formats.map((format) => (
        <button key={format} type="button" className="button button-tertiary" disabled={busy !== null} onClick={() => get(format)}>
          {busy === format ? t('downloads.busy') : t(labels[format])}
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
