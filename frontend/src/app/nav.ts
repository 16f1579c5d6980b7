import type { MessageKey } from '@/lib/i18n';

/** The main menu; a new feature adds its entry here (and its routes in router.tsx). */
export const NAV_ITEMS: { to: string; label: MessageKey; end?: boolean; signedIn?: boolean }[] = [
  { to: '/', label: 'nav.agreement', end: true },
  { to: '/goals', label: 'nav.goals' },
  { to: '/indicators', label: 'nav.indicators' },
  { to: '/initiatives', label: 'nav.initiatives' },
  { to: '/bodies', label: 'nav.bodies' },
  { to: '/meetings', label: 'nav.meetings' },
  { to: '/decisions', label: 'nav.decisions' },
  { to: '/action-items', label: 'nav.actionItems', signedIn: true },
  { to: '/reports', label: 'nav.reports' },
];
