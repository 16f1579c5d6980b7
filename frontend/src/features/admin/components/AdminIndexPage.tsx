import { Link } from 'react-router';
import { NotFound, useDocumentTitle } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import '@/components/blocks.css';
import './admin.css';

/** The administration's front page: the screens the caller's permissions open. */
export function AdminIndexPage() {
  const { t } = useI18n();
  const can = useCan();
  useDocumentTitle(t('admin.title'));
  const manage = can(Permission.manageOrgs);
  const audit = can(Permission.readAudit);
  if (!manage && !audit) return <NotFound />;
  const links: [string, string, string][] = [
    ...(manage
      ? ([
          ['/admin/organisations', t('admin.organisations.title'), t('admin.organisations.about')],
          ['/admin/users', t('admin.users.title'), t('admin.users.about')],
          ['/admin/api-clients', t('admin.clients.title'), t('admin.clients.about')],
        ] as [string, string, string][])
      : []),
    ...(audit
      ? ([
          ['/admin/audit', t('admin.audit.title'), t('admin.audit.about')],
          ['/admin/security', t('admin.security.title'), t('admin.security.about')],
        ] as [string, string, string][])
      : []),
  ];
  return (
    <section className="admin-page">
      <h1>{t('admin.title')}</h1>
      <ul className="admin-links nobullet-list">
        {links.map(([to, label, about]) => (
          <li key={to}>
            <Link to={to} className="font-lead">
              {label}
            </Link>
            <br />
            {about}
          </li>
        ))}
      </ul>
    </section>
  );
}
