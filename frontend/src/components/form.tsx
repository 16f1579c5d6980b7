/** Form fields in the Det Fælles Designsystem markup: label, hint, error message next to the field. */
import {
  useCallback,
  useId,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { Link } from 'react-router';
import { useT } from '@/lib/i18n';
import { fieldErrors, isProblemError } from '@/lib/problem';

interface FieldShell {
  label: string;
  hint?: string;
  error?: string;
}

function Shell({ id, label, hint, error, children }: FieldShell & { id: string; children: ReactNode }) {
  return (
    <div className={error ? 'form-group form-error' : 'form-group'}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      {children}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function TextField({ label, hint, error, id: given, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        className="form-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </Shell>
  );
}

export function TextArea({ label, hint, error, id: given, ...input }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        className="form-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </Shell>
  );
}

export function SelectField({
  label,
  hint,
  error,
  id: given,
  options,
  ...select
}: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <Shell id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        className="form-select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

/** The list of problems above a form, each linking to its field; focus it after a failed submit. */
export function ErrorSummary({
  errors,
  fieldIds,
  message,
}: {
  errors: Record<string, string>;
  fieldIds?: Record<string, string>;
  message?: string | null;
}) {
  const t = useT();
  const entries = Object.entries(errors);
  if (entries.length === 0 && !message) return null;
  return (
    <div className="alert alert-error" role="alert" tabIndex={-1}>
      <div className="alert-body">
        <h2 className="alert-heading">{entries.length ? t('form.errorSummary') : message}</h2>
        {entries.length > 0 && (
          <ul className="alert-text nobullet-list">
            {entries.map(([field, text]) => (
              <li key={field}>
                {fieldIds?.[field] ? <a href={`#${fieldIds[field]}`}>{text}</a> : `${field}: ${text}`}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/**
 * A form's errors: field messages (from the browser's checks or the server's problem+json) and one
 * message for the summary, which gets focus after a failed submit so screen readers hear it.
 */
export function useFormErrors() {
  const t = useT();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const focus = useCallback(
    () => requestAnimationFrame(() => summaryRef.current?.querySelector<HTMLElement>('[role=alert]')?.focus()),
    [],
  );
  /** Show what the server (or the network) said; `prefix` keeps only fields under it (`mandate.` → …). */
  const fail = useCallback(
    (error: unknown, rename?: (field: string) => string) => {
      if (isProblemError(error)) {
        const found = fieldErrors(error.problem);
        setErrors(rename ? Object.fromEntries(Object.entries(found).map(([k, v]) => [rename(k), v])) : found);
        setMessage(error.message);
      } else {
        setErrors({});
        setMessage(t('state.error.network'));
      }
      focus();
    },
    [focus, t],
  );
  /** Errors found before sending: shown at once; true when there were none. */
  const check = useCallback(
    (found: Record<string, string>) => {
      setErrors(found);
      setMessage(null);
      if (Object.keys(found).length) {
        focus();
        return false;
      }
      return true;
    },
    [focus],
  );
  return { errors, message, setMessage, summaryRef, fail, check, focus };
}

/** The messages of a field and everything under it (`links` takes `links.0`, `links.1`, …), joined. */
export function errorsUnder(errors: Record<string, string>, field: string): string | undefined {
  const found = Object.entries(errors)
    .filter(([key]) => key === field || key.startsWith(`${field}.`))
    .map(([, message]) => message);
  return found.length ? found.join(' ') : undefined;
}

/** A form's buttons: submit (saying "saving …" while it saves) and cancel (a link back, or a close). */
export function FormActions({
  submit,
  pending = false,
  disabled = false,
  cancel,
  small = false,
}: {
  submit: string;
  pending?: boolean;
  disabled?: boolean;
  cancel: string | (() => void);
  small?: boolean;
}) {
  const t = useT();
  const size = small ? ' button-small' : '';
  return (
    <div className="button-row">
      <button type="submit" className={`button button-primary${size}`} disabled={pending || disabled}>
        {pending ? t('form.saving') : submit}
      </button>
      {typeof cancel === 'string' ? (
        <Link to={cancel} className={`button button-tertiary${size}`}>
          {t('form.cancel')}
        </Link>
      ) : (
        <button type="button" className={`button button-tertiary${size}`} onClick={cancel}>
          {t('form.cancel')}
        </button>
      )}
    </div>
  );
}
