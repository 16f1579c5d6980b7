import type { RouteObject } from 'react-router';
import { lazyNamed, page } from '@/lib/lazy';

/** Sections this feature lends the body pages (loaded with them). */
export const NextMeeting = lazyNamed(() => import('./components/BodySections'), 'NextMeeting');
export const BodyMeetings = lazyNamed(() => import('./components/BodySections'), 'BodyMeetings');
export const BodyDecisions = lazyNamed(() => import('./components/BodySections'), 'BodyDecisions');
export const BodyActionItems = lazyNamed(() => import('./components/BodySections'), 'BodyActionItems');

export const meetingRoutes: RouteObject[] = [
  { path: 'meetings', lazy: page(() => import('./components/MeetingsPage'), 'MeetingsPage') },
  { path: 'meetings/new', lazy: page(() => import('./components/MeetingFormPage'), 'MeetingNewPage') },
  { path: 'meetings/calendar-feed', lazy: page(() => import('./components/CalendarFeedPage'), 'CalendarFeedPage') },
  { path: 'meetings/:meetingId', lazy: page(() => import('./components/MeetingPage'), 'MeetingPage') },
  { path: 'meetings/:meetingId/edit', lazy: page(() => import('./components/MeetingFormPage'), 'MeetingEditPage') },
  { path: 'meetings/:meetingId/minutes', lazy: page(() => import('./components/MinutesPage'), 'MinutesPage') },
  { path: 'decisions', lazy: page(() => import('./components/DecisionRegisterPage'), 'DecisionRegisterPage') },
  { path: 'decisions/:decisionId', lazy: page(() => import('./components/DecisionPage'), 'DecisionPage') },
  { path: 'action-items', lazy: page(() => import('./components/ActionItemsPage'), 'ActionItemsPage') },
];
