/** The errors of an import file, row by row: row, column and what is wrong (in the UI's language). */
import { ScrollTable } from '@/components/ScrollTable';
import { useT } from '@/lib/i18n';
import type { FieldError } from '@/lib/problem';

export interface RowError {
  row: number | null;
  column: string;
  reason: string;
  code: string;
}

const ROW_FIELD = /^row (\d+)\.?(.*)$/;

/**
 * "row 4.value" → {row: 4, column: "value"}; anything else keeps its field as the column. The API's
 * message names the row and column itself ("Række 4, kolonne value: …"); the table has its own
 * columns for them, so the reason is the message after that opening.
 */
export function splitRowErrors(errors: Pick<FieldError, 'field' | 'message' | 'code'>[]): RowError[] {
  return errors
    .map((e) => {
      const m = ROW_FIELD.exec(e.field);
      if (!m) return { row: null, column: e.field.replace(/^(body|query)\./, ''), reason: e.message, code: e.code };
      const column = m[2] ?? '';
      const opening = new RegExp(`^[^:]*\\b${m[1]}\\b[^:]*${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^:]*:\\s*`);
      return { row: Number(m[1]), column, reason: e.message.replace(opening, ''), code: e.code };
    })
    .sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

export function ImportErrors({ errors, caption }: { errors: Pick<FieldError, 'field' | 'message' | 'code'>[]; caption?: string }) {
  const t = useT();
  const rows = splitRowErrors(errors);
  if (rows.length === 0) return null;
  return (
    <ScrollTable label={caption ?? t('observations.import.errorsCaption')}>
      <table className="table table--compact import-errors">
        <caption>{caption ?? t('observations.import.errorsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('observations.import.row')}</th>
            <th scope="col">{t('observations.import.column')}</th>
            <th scope="col">{t('observations.import.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e, i) => (
            <tr key={i} data-code={e.code}>
              <td className="num">{e.row ?? '–'}</td>
              <td>
                <code>{e.column}</code>
              </td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
