import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from "react";
import { ApiError, api, onUnauthenticated, setCsrfToken, unwrap } from "../api/client.js";

export type Role = "viewer" | "deployer" | "admin";
const ranks: Record<Role, number> = { viewer: 0, deployer: 1, admin: 2 };

export interface Session {
  username: string;
  role: Role;
  /** Whether the signed-in user holds `role` or a higher one. */
  can(role: Role): boolean;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null | undefined>(undefined);
const sessionKey = ["session"] as const;

/** Who is signed in: from the cookie after a reload, or null (the sign-in page shows). */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const current = useQuery({
    queryKey: sessionKey,
    queryFn: async () => {
      try {
        const me = await unwrap(api.GET("/api/v1/auth/session"));
        setCsrfToken(me.csrfToken);
        return { username: me.username, role: me.role };
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

  const signedOut = useCallback(() => {
    setCsrfToken(null);
    queries.setQueryData(sessionKey, null);
    // Everything else belonged to the signed-out user; the session query keeps its observer.
    queries.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  }, [queries]);
  useEffect(() => onUnauthenticated(signedOut), [signedOut]);

  const value = useMemo((): Session | null | undefined => {
    if (current.data === undefined) return undefined;
    if (current.data === null) return null;
    const { username, role } = current.data;
    return {
      username,
      role,
      can: (wanted) => ranks[role] >= ranks[wanted],
      signOut: async () => {
        await unwrap(api.DELETE("/api/v1/auth/session"));
        signedOut();
      },
    };
  }, [current.data, signedOut]);

  if (current.isError) {
    return (
      <main className="page narrow">
        <h1>Weeknight is not answering</h1>
        <p role="alert">
          {current.error.message}. Check that the server is running, then{" "}
          <button type="button" onClick={() => current.refetch()}>
            try again
          </button>
          .
        </p>
      </main>
    );
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Signs in with a password; the server sets the httpOnly cookie and returns the CSRF token. */
export function useSignIn() {
  const queries = useQueryClient();
  return async (username: string, password: string) => {
    const started = await unwrap(
      api.POST("/api/v1/auth/session", { body: { username, password } }),
    );
    setCsrfToken(started.csrfToken);
    queries.setQueryData(sessionKey, { username: started.user.username, role: started.user.role });
  };
}

/** The signed-in user; undefined while loading, null when signed out. */
export function useSession(): Session | null | undefined {
  return useContext(SessionContext);
}

/** The signed-in user, for pages that only render signed in. */
export function useUser(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useUser outside a signed-in page");
  return session;
}
