/**
 * A table that may be wider than the screen: it scrolls sideways inside a region that keyboard users
 * can focus (and so scroll with the arrow keys), named after the table for screen readers.
 */
import type { ReactNode } from 'react';

export function ScrollTable({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div className={`table--responsive-scroll scroll-region ${className ?? ''}`} tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
