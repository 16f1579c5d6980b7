/** Small shared pieces of the initiative pages: status tag, progress colour, organisation names. */
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '@/lib/i18n';
import { organisationsQuery, type InitiativeStatus, type StatusColour } from '../api';

const COLOUR_BADGE: Record<StatusColour, string> = {
  green: 'badge badge-success',
  yellow: 'badge badge-warning',
  red: 'badge badge-error',
};

/** The colour of the latest progress update, as a word (the dot only repeats it). */
export function ColourBadge({ colour }: { colour: StatusColour | null }) {
  const { t } = useI18n();
  if (!colour) return <span className="badge colour-badge">{t('initiatives.colour.none')}</span>;
  return (
    <span className={`${COLOUR_BADGE[colour]} colour-badge`} data-colour={colour}>
      <span className={`colour-dot colour-${colour}`} aria-hidden="true" />
      {t(`initiatives.colour.${colour}`)}
    </span>
  );
}

export function StatusTag({ status }: { status: InitiativeStatus }) {
  const { t } = useI18n();
  return <span className={`tag initiative-status status-${status}`}>{t(`initiatives.status.${status}`)}</span>;
}

/** slug → organisation name (the slug until the list is there). */
export function useOrgName(): (slug: string) => string {
  const orgs = useQuery(organisationsQuery());
  return (slug) => orgs.data?.items.find((o) => o.slug === slug)?.name ?? slug;
}
