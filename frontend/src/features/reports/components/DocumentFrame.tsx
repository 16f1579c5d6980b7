/** The report's HTML page shown in a sandboxed frame (no scripts; the page was fetched with the caller's rights). */
import { useQuery } from '@tanstack/react-query';
import { QueryView } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { htmlQuery, type Edition, type Report } from '../api';

export function DocumentFrame({ report, edition }: { report: Report; edition: Edition }) {
  const { t } = useI18n();
  const html = useQuery(htmlQuery(report.id, edition));
  return (
    <QueryView query={html}>
      {(page) => <iframe className="report-frame" title={t('reports.document.frame', { title: report.title })} sandbox="" srcDoc={page} />}
    </QueryView>
  );
}
