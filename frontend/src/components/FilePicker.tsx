import type { Ref } from 'react';

const SPREADSHEETS = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file field for an import (CSV or XLSX), with its error next to it in the designsystem's markup. */
export function FilePicker({
  id,
  label,
  error,
  inputRef,
  onChange,
}: {
  id: string;
  label: string;
  error: string | null;
  inputRef: Ref<HTMLInputElement>;
  onChange: (file: File | null) => void;
}) {
  return (
    <div className={error ? 'form-group form-error' : 'form-group'}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <input
        ref={inputRef}
        id={id}
        type="file"
        className="form-file-input"
        accept={SPREADSHEETS}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
    </div>
  );
}
