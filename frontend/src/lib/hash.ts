/** Deep links to a part of a page (#agenda-item-12, #kommissorium) once the page's data is there. */
import { useEffect } from 'react';
import { useLocation } from 'react-router';

export function useScrollToHash(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    // after the shell's own scroll-to-top on navigation, which runs in the same commit
    const timer = setTimeout(() => {
      const target = document.getElementById(decodeURIComponent(hash.slice(1)));
      if (!target) return;
      target.scrollIntoView({ block: 'start' });
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    }, 0);
    return () => clearTimeout(timer);
  }, [ready, hash]);
}
