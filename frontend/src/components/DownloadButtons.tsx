import { useState } from 'react';
import { useI18n, type MessageKey } from '@/lib/i18n';

export type DownloadFormat = 'csv' | 'xlsx';

/** CSV and XLSX download buttons that say so when the download fails. */
export function DownloadButtons({
  download,
  labels,
}: {
  download: (format: DownloadFormat) => Promise<void>;
  labels: Record<DownloadFormat, MessageKey>;
}) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const get = (format: DownloadFormat) => {
    setFailed(false);
    download(format).catch(() => setFailed(true));
  };
  return (
    <p className="button-row downloads">
      <button type="button" className="button button-tertiary" onClick={() => get('csv')}>
        {t(labels.csv)}
      </button>
      <button type="button" className="button button-tertiary" onClick={() => get('xlsx')}>
        {t(labels.xlsx)}
      </button>
      {failed && (
        <span role="alert" className="form-error-message">
          {t('state.error.unexpected')}
        </span>
      )}
    </p>
  );
}
