/** Effektstatus: the reports by year, and a new draft for the secretariat. */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary, SelectField, TextField } from '@/components/form';
import { EmptyState, QueryView, useDocumentTitle } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { fieldErrors, isProblemError } from '@/lib/problem';
import { reportsQuery, useCreateReport, type Report } from '../api';
import { StateTag, useCanWriteReports } from './bits';
import '../reports.css';

export function ReportListPage() {
  const { t, date } = useI18n();
  useDocumentTitle(t('reports.title'));
  const reports = useQuery(reportsQuery());
  const canWrite = useCanWriteReports();
  return (
    <section className="reports">
      <h1>{t('reports.title')}</h1>
      <p className="font-lead">{t('reports.intro')}</p>
      <QueryView query={reports}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('reports.empty')}</EmptyState>
          ) : (
            <div className="table--responsive-scroll">
              <table className="table report-table">
                <caption className="sr-only">{t('reports.listCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.col.year')}</th>
                    <th scope="col">{t('reports.col.title')}</th>
                    <th scope="col">{t('reports.col.state')}</th>
                    <th scope="col">{t('reports.col.cutoff')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((r) => (
                    <tr key={r.id} data-report={r.id}>
                      <td>{r.year}</td>
                      <th scope="row">
                        <Link to={`/reports/${r.id}`}>{r.title}</Link>
                      </th>
                      <td>
                        <StateTag state={r.state} />
                      </td>
                      <td>{date(r.cutoff)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      {canWrite && reports.data && <NewReport reports={reports.data.items} />}
    </section>
  );
}

function NewReport({ reports }: { reports: Report[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const create = useCreateReport();
  const frozen = reports.filter((r) => r.state === 'frozen');
  const next = Math.max(new Date().getFullYear(), ...reports.map((r) => r.year + 1));
  const [year, setYear] = useState(String(next));
  const [from, setFrom] = useState(frozen[0] ? String(frozen[0].id) : '');
  const problem = isProblemError(create.error) ? create.error.problem : null;
  const errors = fieldErrors(problem);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { year: Number(year), from_report_id: from ? Number(from) : null },
      { onSuccess: (report) => void navigate(`/reports/${report.id}`) },
    );
  };
  return (
    <section aria-labelledby="new-report" className="goal-section">
      <h2 id="new-report">{t('reports.new.title')}</h2>
      <form onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} message={problem && !Object.keys(errors).length ? problem.detail ?? problem.title : null} />
        <TextField
          label={t('reports.new.year')}
          hint={t('reports.new.yearHint')}
          inputMode="numeric"
          value={year}
          onChange={(e) => setYear(e.target.value)}
          error={errors['body.year']}
          required
        />
        <SelectField
          label={t('reports.new.from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={errors['body.from_report_id']}
          options={[{ value: '', label: t('reports.new.fromNone') }, ...frozen.map((r) => ({ value: String(r.id), label: r.title }))]}
        />
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? t('form.saving') : t('reports.new.submit')}
        </button>
      </form>
    </section>
  );
}
