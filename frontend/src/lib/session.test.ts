import { afterEach, describe, expect, it, vi } from 'vitest';
import { authFetch, getAccessToken, refreshSession, setAccessToken, setRequestLanguage } from './session';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
});

describe('refreshSession', () => {
  it('trades the cookie for an access token, sending the SPA header and no refresh_token field', async () => {
    const fetchMock = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) =>
      json(200, { access_token: 'new', must_change_password: false }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const result = await refreshSession();
    expect(result?.access_token).toBe('new');
    expect(getAccessToken()).toBe('new');
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/auth/token');
    expect((init!.headers as Record<string, string>)['X-Sammen-Client']).toBe('spa');
    expect(String(init!.body)).toBe('grant_type=refresh_token');
  });

  it('sends one refresh request for concurrent callers (a reused refresh token would end the session)', async () => {
    const fetchMock = vi.fn(async () => json(200, { access_token: 'once', must_change_password: false }));
    vi.stubGlobal('fetch', fetchMock);
    await Promise.all([refreshSession(), refreshSession(), refreshSession()]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('returns null without a session', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(401, { title: 'no', status: 401 })));
    expect(await refreshSession()).toBeNull();
    expect(getAccessToken()).toBeNull();
  });
});

describe('authFetch', () => {
  it('sends the bearer token', async () => {
    setAccessToken('abc');
    const fetchMock = vi.fn(async (_req: Request) => json(200, {}));
    vi.stubGlobal('fetch', fetchMock);
    await authFetch(new Request('http://localhost/api/v1/goals'));
    expect(fetchMock.mock.calls[0]![0].headers.get('Authorization')).toBe('Bearer abc');
  });

  it('refreshes once on 401 and retries with the new token', async () => {
    setAccessToken('expired');
    const seen: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: Request | string) => {
        if (typeof input === 'string') return json(200, { access_token: 'fresh', must_change_password: false });
        seen.push(input.headers.get('Authorization') ?? '');
        return input.headers.get('Authorization') === 'Bearer fresh' ? json(200, { ok: true }) : json(401, {});
      }),
    );
    const res = await authFetch(new Request('http://localhost/api/v1/goals/1', { method: 'PATCH', body: '{"title":"x"}' }));
    expect(res.status).toBe(200);
    expect(seen).toEqual(['Bearer expired', 'Bearer fresh']);
  });

  it('does not try to refresh when no one is signed in', async () => {
    const fetchMock = vi.fn(async () => json(401, {}));
    vi.stubGlobal('fetch', fetchMock);
    const res = await authFetch(new Request('http://localhost/api/v1/goals'));
    expect(res.status).toBe(401);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('the request language', () => {
  it("asks the API for its texts in the UI's language", async () => {
    const fetchMock = vi.fn(async (_request: Request) => json(200, {}));
    vi.stubGlobal('fetch', fetchMock);
    setRequestLanguage('en');
    await authFetch(new Request('http://localhost/api/v1/goals'));
    expect(fetchMock.mock.calls[0]![0].headers.get('Accept-Language')).toBe('en');
    setRequestLanguage('da');
    await authFetch(new Request('http://localhost/api/v1/goals'));
    expect(fetchMock.mock.calls[1]![0].headers.get('Accept-Language')).toBe('da');
  });
});
