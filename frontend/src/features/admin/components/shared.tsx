/** Pieces every admin page uses: the guard, the trail, a secret shown once, a problem as a message. */
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { SelectField } from '@/components/form';
import { NotFound, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { useCan, type Permission } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { fieldErrors, isProblemError } from '@/lib/problem';
import { organisationsQuery, type Role } from '../api';
import '@/components/blocks.css';
import './admin.css';

/** Admin pages for those who hold `permission`; others see "not found", visitors are sent to sign in. */
export function AdminPage({ permission, title, children }: { permission: Permission; title: string; children: ReactNode }) {
  const { t } = useI18n();
  const { status } = useAuth();
  const can = useCan();
  const location = useLocation();
  useDocumentTitle(title);
  if (status === 'anonymous') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!can(permission)) return <NotFound />;
  return (
    <section className="admin-page">
      <Breadcrumbs trail={[{ to: '/admin', label: t('admin.title') }, { label: title }]} />
      <h1>{title}</h1>
      {children}
    </section>
  );
}

/** A secret (one-time password, client secret) the server shows once: say so, and offer to copy it. */
export function SecretOnce({ label, value, note }: { label: string; value: string; note?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert-warning secret-once" role="status">
      <div className="alert-body">
        <h2 className="alert-heading">{label}</h2>
        <p className="alert-text">{t('admin.secret.once')}</p>
        <p className="secret-value">
          <code data-testid="secret">{value}</code>{' '}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              void navigator.clipboard?.writeText(value).then(() => setCopied(true));
            }}
          >
            {t('admin.secret.copy')}
          </button>
          <span aria-live="polite">{copied ? ` ${t('admin.secret.copied')}` : ''}</span>
        </p>
        {note && <p className="alert-text">{note}</p>}
      </div>
    </div>
  );
}

/** What a failed call says, as field errors (keyed without `body.`) and a summary line. */
export function problemOf(error: unknown, fallback: string): { errors: Record<string, string>; message: string } {
  if (isProblemError(error)) return { errors: fieldErrors(error.problem), message: error.message };
  return { errors: {}, message: fallback };
}

export function AdminBreadcrumbs({ trail }: { trail: { to?: string; label: string }[] }) {
  const { t } = useI18n();
  return <Breadcrumbs trail={[{ to: '/admin', label: t('admin.title') }, ...trail]} />;
}

/** The organisations as select options by name; the value is the slug, which the API takes as well as the id. */
function useOrganisationOptions(first: string): { value: string; label: string }[] {
  const orgs = useQuery(organisationsQuery());
  return [{ value: '', label: first }, ...(orgs.data?.items ?? []).map((o) => ({ value: o.slug, label: o.name }))];
}

/** An organisation chosen by name and a role in it: a membership, a new user's first one, an API client's. */
export function OrganisationRoleFields<R extends Role>({
  ids,
  first,
  hint,
  roles,
  organisation,
  onOrganisation,
  role,
  onRole,
  errors,
}: {
  ids: { organisation: string; role: string };
  /** The empty choice's label ("choose" where one is required, "none" where it is optional). */
  first: string;
  hint?: string;
  roles: readonly R[];
  organisation: string;
  onOrganisation: (slug: string) => void;
  role: R;
  onRole: (role: R) => void;
  errors: { organisation?: string; role?: string };
}) {
  const { t } = useI18n();
  const organisationOptions = useOrganisationOptions(first);
  return (
    <>
      <SelectField
        id={ids.organisation}
        label={t('admin.field.organisation')}
        hint={hint}
        value={organisation}
        onChange={(e) => onOrganisation(e.target.value)}
        error={errors.organisation}
        options={organisationOptions}
      />
      <SelectField
        id={ids.role}
        label={t('admin.field.role')}
        value={role}
        onChange={(e) => onRole(e.target.value as R)}
        error={errors.role}
        options={roles.map((r) => ({ value: r, label: t(`admin.role.${r}`) }))}
      />
    </>
  );
}
