/** The typed API client (generated types in src/client) with auth, and problem+json turned into errors. */
import createClient from 'openapi-fetch';
import type { components, paths } from '@/client/schema';
import { ProblemError, toProblem } from '@/lib/problem';
import { authFetch } from '@/lib/session';

export type Schemas = components['schemas'];

export const api = createClient<paths>({
  // Same origin; absolute so that Request() also works outside a browser (tests).
  baseUrl: globalThis.location?.origin ?? '',
  fetch: (request: Request) => authFetch(request),
  headers: { Accept: 'application/json, application/problem+json' },
});

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Await an openapi-fetch call: the data, or a thrown ProblemError. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) {
    throw new ProblemError(toProblem(response.status, error, response.statusText));
  }
  return data as T;
}

/** The If-Match value for a version we read. */
export function ifMatch(version: number): string {
  return `"${version}"`;
}

/** Hand a downloaded file to the browser's "save" as `filename`. */
export function saveFile(data: Blob, filename: string): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The items of a list answer, bare (`[...]`) or in the list envelope (`{items, total, limit, offset}`):
 * some lists are moving to the envelope, and a screen should not care which one it got.
 */
export function asItems<T>(data: readonly T[] | { items: readonly T[] }): T[] {
  return Array.isArray(data) ? [...data] : [...(data as { items: readonly T[] }).items];
}
