import type { ReactNode } from 'react';

/** A wide table's horizontal scroll on a narrow screen, reachable by keyboard (a named, focusable region). */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // Focusable so keyboard users can scroll it (WCAG 2.1.1); named so screen readers say what it is.
    <div className="table--responsive-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
