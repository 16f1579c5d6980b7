/**
 * Pages and sections loaded on first use, so the first page load fetches only the app's shell
 * (the budget: 200 kB of compressed JavaScript; `python bench/bundle.py` prints the sizes).
 * Every feature's routes.tsx declares its pages with `page(...)` and never imports a component
 * statically: one static import there puts that page (and all it imports) into the first download.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// `any` props only require the module's export to be a component; its own prop types survive in M[K].
type AnyComponent = ComponentType<any>;
type Components<K extends PropertyKey> = Record<K, AnyComponent>;

/** A route's `lazy`: `{ path: 'x', lazy: page(() => import('./components/XPage'), 'XPage') }`. */
export function page<K extends PropertyKey, M extends Components<K>>(load: () => Promise<M>, name: K) {
  return async () => ({ Component: (await load())[name] as ComponentType });
}

/** A component loaded on first render (a section one feature lends another page); render it in <Suspense>. */
export function lazyNamed<K extends PropertyKey, M extends Components<K>>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] as AnyComponent })) as LazyExoticComponent<M[K]>;
}
