/** PDF, XLSX and JSON of either edition, saved by the browser (the shared download buttons). */
import { DownloadButtons } from '@/components/DownloadButtons';
import { downloadReport, type DocumentFormat, type Edition, type Report } from '../api';

const LABELS = { pdf: 'reports.download.pdf', xlsx: 'reports.download.xlsx', json: 'reports.download.json' } as const;
const FORMATS: DocumentFormat[] = ['pdf', 'xlsx', 'json'];

export function Downloads({ report, edition }: { report: Report; edition: Edition }) {
  return (
    <DownloadButtons<DocumentFormat> formats={FORMATS} labels={LABELS} download={(format) => downloadReport(report, format, edition)} />
  );
}
