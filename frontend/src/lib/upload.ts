/**
 * A multipart upload with progress (fetch cannot report upload progress; XMLHttpRequest can).
 * Sends the bearer token like authFetch, refreshes once on 401, and turns failures into ProblemErrors.
 */
import { ProblemError, toProblem } from '@/lib/problem';
import { getAccessToken, refreshSession, requestLanguage, SPA_HEADER } from '@/lib/session';

export type Progress = (loaded: number, total: number) => void;

function send<T>(url: string, form: FormData, onProgress?: Progress): Promise<{ status: number; body: unknown; statusText: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    const token = getAccessToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    for (const [k, v] of Object.entries(SPA_HEADER)) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', requestLanguage());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded, e.total);
    };
    xhr.onload = () => {
      let body: unknown = xhr.responseText;
      try {
        body = JSON.parse(xhr.responseText) as T;
      } catch {
        /* not JSON */
      }
      resolve({ status: xhr.status, body, statusText: xhr.statusText });
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.send(form);
  });
}

/** POST `form` to `url`; resolves with the JSON body of a 2xx, rejects with a ProblemError otherwise. */
export async function uploadForm<T>(url: string, form: FormData, onProgress?: Progress): Promise<T> {
  let res = await send<T>(url, form, onProgress);
  if (res.status === 401 && getAccessToken() && (await refreshSession())) res = await send<T>(url, form, onProgress);
  if (res.status < 200 || res.status >= 300) throw new ProblemError(toProblem(res.status, res.body, res.statusText));
  return res.body as T;
}
