import { Permission } from '@/lib/can';
import type { MessageKey } from '@/lib/i18n';

export interface NavContext {
  signedIn: boolean;
  can: (permission: Permission) => boolean;
}

/** The main menu; a new feature adds its entry here (and its routes in router.tsx). `show` hides an
 * entry from those it is not for (the pages themselves check again). */
export const NAV_ITEMS: { to: string; label: MessageKey; end?: boolean; show?: (ctx: NavContext) => boolean }[] = [
  { to: '/', label: 'nav.overview', end: true, show: ({ signedIn }) => signedIn },
  { to: '/agreement', label: 'nav.agreement' },
  { to: '/goals', label: 'nav.goals' },
  { to: '/indicators', label: 'nav.indicators' },
  { to: '/initiatives', label: 'nav.initiatives' },
  { to: '/bodies', label: 'nav.bodies' },
  { to: '/meetings', label: 'nav.meetings' },
  { to: '/decisions', label: 'nav.decisions' },
  { to: '/action-items', label: 'nav.actionItems', show: ({ signedIn }) => signedIn },
  { to: '/reports', label: 'nav.reports' },
  { to: '/my-organisation', label: 'nav.myOrganisation', show: ({ signedIn }) => signedIn },
  { to: '/admin', label: 'nav.admin', show: ({ can }) => can(Permission.manageOrgs) || can(Permission.readAudit) },
];
