/** A dkfds alert: errors are announced at once (role alert), successes and information politely (role status). */
import type { ReactNode } from 'react';

export function Alert({ kind, heading, children }: { kind: 'error' | 'success' | 'warning' | 'info'; heading?: ReactNode; children?: ReactNode }) {
  const role = kind === 'error' ? 'alert' : kind === 'warning' ? undefined : 'status';
  return (
    <div className={`alert alert-${kind}`} role={role}>
      <div className="alert-body">
        {heading && <h2 className="alert-heading">{heading}</h2>}
        {children && <div className="alert-text">{children}</div>}
      </div>
    </div>
  );
}
