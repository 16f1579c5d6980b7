/** Who is signed in: restored on load by refreshing from the cookie first, then GET /auth/me. */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, unwrap, type Schemas } from '@/lib/api';
import { ProblemError, toProblem } from '@/lib/problem';
import { getAccessToken, onSessionLost, postToken, refreshSession, setAccessToken } from '@/lib/session';

export type Me = Schemas['Me'];
type Status = 'loading' | 'anonymous' | 'signed-in';

interface Auth {
  status: Status;
  me: Me | null;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  /** Re-read /auth/me (e.g. after the password was changed). */
  reloadMe: () => Promise<Me | null>;
}

const AuthContext = createContext<Auth | null>(null);

async function fetchMe(): Promise<Me> {
  return unwrap(api.GET('/api/v1/auth/me'));
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>('loading');
  const [me, setMe] = useState<Me | null>(null);

  const becomeAnonymous = useCallback(() => {
    setAccessToken(null);
    setMe(null);
    setStatus('anonymous');
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const token = await refreshSession();
        if (!token) throw new Error('no session');
        const who = await fetchMe();
        if (!cancelled) {
          setMe(who);
          setStatus('signed-in');
        }
      } catch {
        if (!cancelled) {
          setAccessToken(null);
          setStatus('anonymous');
        }
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => onSessionLost(becomeAnonymous), [becomeAnonymous]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const res = await postToken({ grant_type: 'password', username: email, password });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw new ProblemError(toProblem(res.status, body, res.statusText));
      setAccessToken((body as { access_token: string }).access_token);
      const who = await fetchMe();
      queryClient.clear();
      setMe(who);
      setStatus('signed-in');
      return who;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      // Revokes the refresh token family (from the cookie) and clears the cookie.
      if (getAccessToken()) await api.POST('/api/v1/auth/logout', { body: {} });
    } finally {
      becomeAnonymous();
    }
  }, [becomeAnonymous]);

  const reloadMe = useCallback(async () => {
    try {
      const who = await fetchMe();
      setMe(who);
      return who;
    } catch {
      return null;
    }
  }, []);

  const value = useMemo(() => ({ status, me, signIn, signOut, reloadMe }), [status, me, signIn, signOut, reloadMe]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** For tests and stories: a fixed auth state. */
export function StaticAuthProvider({ me, children }: { me: Me | null; children: ReactNode }) {
  const value = useMemo<Auth>(
    () => ({
      status: me ? 'signed-in' : 'anonymous',
      me,
      signIn: async () => {
        throw new Error('static');
      },
      signOut: async () => {},
      reloadMe: async () => me,
    }),
    [me],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
