/** Small shared pieces of the body pages: kind and status labels, organisation names. */
import { useQuery } from '@tanstack/react-query';
import type { Crumb } from '@/components/Breadcrumbs';
import { useI18n } from '@/lib/i18n';
import { organisationsQuery, type BodyKind, type BodyStatus, type MandateStatus, type Member } from '../api';

const BODY_STATUS_CLASS: Record<BodyStatus, string> = {
  proposed: 'badge badge-warning body-status status-proposed',
  active: 'badge badge-success body-status status-active',
  dissolved: 'badge badge-neutral body-status status-dissolved',
};

const MANDATE_BADGE: Record<MandateStatus, string> = {
  draft: 'badge-info',
  submitted: 'badge-warning',
  approved: 'badge-success',
  superseded: 'badge-neutral',
};

export function BodyStatusTag({ status }: { status: BodyStatus }) {
  const { t } = useI18n();
  return <span className={BODY_STATUS_CLASS[status]}>{t(`bodies.status.${status}`)}</span>;
}

export function MandateStatusTag({ status }: { status: MandateStatus }) {
  const { t } = useI18n();
  return <span className={`badge ${MANDATE_BADGE[status]} mandate-status mandate-${status}`}>{t(`mandates.status.${status}`)}</span>;
}

/** The level of the agreement's organisation a body sits at. */
export function kindLevel(kind: BodyKind): number {
  return kind === 'partnership' ? 1 : kind === 'coordination_group' ? 2 : 3;
}

/** organisation id → name (the id until the list is there). */
export function useOrgNames(): (id: number | null | undefined) => string | null {
  const orgs = useQuery(organisationsQuery());
  return (id) => (id == null ? null : (orgs.data?.items.find((o) => o.id === id)?.name ?? `#${id}`));
}

/** Who a member represents: their organisation, or an external participant's affiliation. */
export function Affiliation({ member }: { member: Member }) {
  const { t } = useI18n();
  const orgName = useOrgNames();
  if (member.person_organisation) {
    return (
      <span className="affiliation">
        {member.person_organisation} <span className="badge badge-warning tag-external">{t('bodies.external')}</span>
      </span>
    );
  }
  return <span className="affiliation">{orgName(member.organisation_id) ?? '–'}</span>;
}

/** The trail to a page under a body: Organisering › the body › the page. */
export function useBodyTrail(): (body: { id: number; name: string }, page: string) => Crumb[] {
  const { t } = useI18n();
  return (body, page) => [
    { label: t('bodies.title'), to: '/bodies' },
    { label: body.name, to: `/bodies/${body.id}` },
    { label: page },
  ];
}
