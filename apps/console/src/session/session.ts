import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Answer, unwrap } from '../api/client';
import { ProblemError } from '../api/problem';

export type Session = Answer<'/v1/sessions/current', 'get'>;
export type Role = Session['roles'][number];

const SESSION_KEY = ['session'] as const;

/** Who is signed in: the session cookie's principal, or null when there is none (401). */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Session | null> => {
      try {
        return await unwrap(api.GET('/v1/sessions/current'));
      } catch (error) {
        if (error instanceof ProblemError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** After signing in or out: everything cached belonged to the previous principal. */
export function useSessionChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.resetQueries();
}

export const hasRole = (session: Session, ...roles: Role[]) => session.kind === 'tenant' && session.roles.some((role) => roles.includes(role));
