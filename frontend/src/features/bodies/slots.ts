import type { ReactNode } from 'react';

/**
 * Sections the meetings feature fills on the body pages (features do not import each other: the app
 * composes them in src/app/router.tsx). A missing slot leaves its section out.
 */
export interface BodySlots {
  nextMeeting?: (bodyId: number) => ReactNode;
  meetings?: (bodyId: number) => ReactNode;
  decisions?: (bodyId: number) => ReactNode;
  actionItems?: (bodyId: number) => ReactNode;
}
