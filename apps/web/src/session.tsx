/** Who is signed in (GET /api/v1/auth/session), shared by every page. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiProblem, api, onUnauthenticated, setCsrfToken } from './api.ts';

export type OrgKind = 'convener' | 'company' | 'agency' | 'taskforce';
export type Role = 'admin' | 'editor' | 'viewer';

export interface Membership {
  orgId: string;
  orgSlug: string;
  orgKind: OrgKind;
  role: Role;
}

export interface Session {
  id: string;
  userId: string;
  email: string;
  method: 'passkey' | 'token' | 'demo';
  scopeOrgId: string | null;
  createdAt: string;
  expiresAt: string;
  csrfToken: string;
  demo?: boolean;
  memberships: Membership[];
}

interface SessionState {
  session: Session | null;
  /** True until the first answer of GET /api/v1/auth/session. */
  loading: boolean;
  /** Set when the hub could not be asked (not when simply signed out). */
  error: Error | undefined;
  /** Adopts a session answered by a sign-in route. */
  signedIn: (s: Session) => void;
  signOut: () => Promise<void>;
  refresh: () => Promise<void>;
}

const Ctx = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();

  const adopt = useCallback((s: Session | null) => {
    setCsrfToken(s?.csrfToken ?? '');
    setSession(s);
  }, []);

  const refresh = useCallback(async () => {
    try {
      adopt(await api<Session>('/api/v1/auth/session', { quiet401: true }));
      setError(undefined);
    } catch (e) {
      adopt(null);
      if (!(e instanceof ApiProblem && e.status === 401)) setError(e as Error);
    } finally {
      setLoading(false);
    }
  }, [adopt]);

  useEffect(() => {
    onUnauthenticated(() => adopt(null));
    void refresh();
  }, [adopt, refresh]);

  const signOut = useCallback(async () => {
    try {
      await api('/api/v1/auth/session', { method: 'DELETE', quiet401: true });
    } finally {
      adopt(null);
    }
  }, [adopt]);

  const value = useMemo(
    () => ({ session, loading, error, signedIn: adopt, signOut, refresh }),
    [session, loading, error, adopt, signOut, refresh],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in session (pages behind the sign-in guard only). */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}

export const isConvener = (s: Session) => s.memberships.some((m) => m.orgKind === 'convener');
export const adminOf = (s: Session) => s.memberships.filter((m) => m.role === 'admin');
