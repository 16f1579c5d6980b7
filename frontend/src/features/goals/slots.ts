import type { ReactNode } from 'react';

/**
 * Sections that other features fill in on the goal page. Features do not import each other:
 * the app composes them (src/app/router.tsx passes e.g. `indicators: (id) => <GoalIndicators goalId={id} />`).
 * A section without a slot shows a clearly marked placeholder.
 */
export interface GoalSlots {
  indicators?: (goalId: number) => ReactNode;
  initiatives?: (goalId: number) => ReactNode;
}
