import type { ReactNode } from 'react';

/**
 * Sections that other features fill in on the goal page. Features do not import each other:
 * the app composes them (src/app/router.tsx passes e.g. `indicators: (id, code) => <GoalIndicators goalCode={code} />`).
 * A section without a slot shows a clearly marked placeholder.
 */
export interface GoalSlots {
  indicators?: (goalId: number, goalCode: string) => ReactNode;
  initiatives?: (goalId: number, goalCode: string) => ReactNode;
}
