/**
 * The signed-in session: the access token lives in memory only (never in storage);
 * the refresh token is an httpOnly cookie the browser sends to /api/v1/auth only.
 */

export const API_BASE = '/api/v1';
export const SPA_HEADER = { 'X-Sammen-Client': 'spa' } as const;

let accessToken: string | null = null;
let language = 'da';

/** The UI's language: every request asks the API for its texts (problem details) in it. */
export function setRequestLanguage(locale: string): void {
  language = locale;
}

export function requestLanguage(): string {
  return language;
}
let refreshing: Promise<TokenResult | null> | null = null;
const lostListeners = new Set<() => void>();

export interface TokenResult {
  access_token: string;
  must_change_password: boolean;
}

export function getAccessToken(): string | null {
  return accessToken;
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
}

/** Called when a refresh fails while someone was signed in (expired, revoked, signed out elsewhere). */
export function onSessionLost(listener: () => void): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}

export async function postToken(form: Record<string, string>): Promise<Response> {
  return fetch(`${API_BASE}/auth/token`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { ...SPA_HEADER, Accept: 'application/json', 'Accept-Language': language },
    body: new URLSearchParams(form),
  });
}

/** Trade the refresh cookie for a new access token (one request at a time); null when there is no session. */
export function refreshSession(): Promise<TokenResult | null> {
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const res = await postToken({ grant_type: 'refresh_token' });
        if (!res.ok) {
          const hadSession = accessToken !== null;
          accessToken = null;
          if (hadSession) lostListeners.forEach((l) => l());
          return null;
        }
        const body = (await res.json()) as TokenResult;
        accessToken = body.access_token;
        return body;
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}

/** fetch with the bearer token; on 401 refresh once and retry (the request is cloned before sending). */
export async function authFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const send = (req: Request) => {
    if (accessToken) req.headers.set('Authorization', `Bearer ${accessToken}`);
    if (!req.headers.has('Accept-Language')) req.headers.set('Accept-Language', language);
    return fetch(req);
  };
  const sentWithToken = accessToken !== null;
  const res = await send(input);
  if (res.status === 401 && sentWithToken) {
    const refreshed = await refreshSession();
    if (refreshed) return send(retry);
  }
  return res;
}
